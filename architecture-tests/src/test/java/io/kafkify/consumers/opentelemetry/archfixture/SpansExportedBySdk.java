package io.kafkify.consumers.opentelemetry.archfixture;

import io.opentelemetry.sdk.trace.SdkTracerProvider;

/** Architecture fixture, violation: the OpenTelemetry adapter builds the SDK, which is the application's choice. */
public final class SpansExportedBySdk {

    public SdkTracerProvider provider() {
        return SdkTracerProvider.builder().build();
    }
}
