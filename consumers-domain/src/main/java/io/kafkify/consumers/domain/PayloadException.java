package io.kafkify.consumers.domain;

/**
 * A record's payload cannot be used: it could not be decoded, bound to the handler's type, or
 * it violates that type's constraints. Retrying cannot help, so a payload exception goes
 * straight to the failure policy (dead letter by default) with its message as the reason.
 */
public final class PayloadException extends KafkifyException {

    private static final long serialVersionUID = 1L;

    /** @param reason a readable reason, e.g. {@code email: must be a well-formed email address} */
    public PayloadException(String reason) {
        super(reason);
    }

    /**
     * @param reason a readable reason
     * @param cause the decoder's or binder's failure
     */
    public PayloadException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
