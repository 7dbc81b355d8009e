// The SDK warns once per process that future releases need Node 22; the machines here run Node 20.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
