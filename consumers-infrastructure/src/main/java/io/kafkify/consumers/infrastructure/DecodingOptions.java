package io.kafkify.consumers.infrastructure;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkify.consumers.domain.CodeExtractor;
import io.kafkify.consumers.domain.Decoder;
import io.kafkify.consumers.engine.AcknowledgingEngine;
import io.kafkify.consumers.engine.ProcessingEngine;
import io.kafkify.consumers.engine.spi.ProcessingPolicy;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a consumer decodes records, shared by the builders of the Kafka adapter and of the
 * in-memory consumer so that both decode alike: keys as UTF-8 text (else bytes), values by the
 * documented JSON rules, the code from the JSON {@code code} field, typed payloads bound with
 * one {@link ObjectMapper}: the configuration's ({@link KafkaConsumerConfig#objectMapper()}),
 * unless a builder overrides it.
 *
 * <p>Not thread-safe: a builder is used from one thread.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class DecodingOptions<B extends DecodingOptions<B>> {

    private Decoder keyDecoder = new TextKeyDecoder();
    private @Nullable Decoder valueDecoder;
    private CodeExtractor codeExtractor = CodeExtractor.JSON_CODE_FIELD;
    private @Nullable ObjectMapper mapper;

    /** For the builders that extend it. */
    protected DecodingOptions() {
    }

    /**
     * @param decoder decodes keys; default: UTF-8 text, else the bytes
     * @return this builder
     */
    public B keyDecoder(Decoder decoder) {
        this.keyDecoder = Objects.requireNonNull(decoder, "decoder");
        return self();
    }

    /**
     * @param decoder decodes values (Avro, Protobuf, a custom format); default: JSON, else text,
     *     else bytes ({@link JsonValueDecoder})
     * @return this builder
     */
    public B valueDecoder(Decoder decoder) {
        this.valueDecoder = Objects.requireNonNull(decoder, "decoder");
        return self();
    }

    /**
     * @param extractor reads the routing code from decoded values; default: the string
     *     {@code code} field of a JSON object
     * @return this builder
     */
    public B codeExtractor(CodeExtractor extractor) {
        this.codeExtractor = Objects.requireNonNull(extractor, "extractor");
        return self();
    }

    /**
     * Overrides the configuration's mapper ({@link KafkaConsumerConfig#objectMapper()}) for this
     * consumer alone. Prefer setting it once on the configuration, which reaches both adapters
     * and the in-memory consumer.
     *
     * @param objectMapper the mapper that reads JSON values and binds typed payloads
     * @return this builder
     */
    public B objectMapper(ObjectMapper objectMapper) {
        this.mapper = Objects.requireNonNull(objectMapper, "objectMapper");
        return self();
    }

    /**
     * @param config the configuration: its mapper (unless one was set here) and {@code strictPayloads}
     * @param policy ordering, concurrency, retries and the failure policy
     * @return an engine builder that decodes, routes and binds as these options say
     */
    protected ProcessingEngine.Builder engineBuilder(KafkaConsumerConfig config, ProcessingPolicy policy) {
        ObjectMapper json = mapper(config);
        return ProcessingEngine.builder(policy).decoding(keyDecoder,
                valueDecoder != null ? valueDecoder : new JsonValueDecoder(json), codeExtractor,
                new JacksonPayloadBinder(json, BeanValidation.validator(), config.strictPayloads()));
    }

    /**
     * @param config the configuration: its mapper (unless one was set here) and {@code strictPayloads}
     * @param policy retries and the failure policy
     * @return a share-group engine builder that decodes, routes and binds as these options say
     */
    protected AcknowledgingEngine.Builder acknowledgingEngineBuilder(KafkaConsumerConfig config,
                                                                     ProcessingPolicy policy) {
        ObjectMapper json = mapper(config);
        return AcknowledgingEngine.builder(policy).decoding(keyDecoder,
                valueDecoder != null ? valueDecoder : new JsonValueDecoder(json), codeExtractor,
                new JacksonPayloadBinder(json, BeanValidation.validator(), config.strictPayloads()));
    }

    /**
     * @param config the configuration
     * @return the mapper set here, else the configuration's; for builders that serialize test payloads with it
     */
    protected ObjectMapper mapper(KafkaConsumerConfig config) {
        return mapper != null ? mapper : config.objectMapper();
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
