package dev.switchboard.spi.chat;

/**
 * A client request that cannot be served as written. The engine answers 400 with an OpenAI error
 * whose {@code param} is {@link #param()}.
 */
public class InvalidRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String param;

    /**
     * @param param   the offending field, e.g. {@code messages[2].role}; null when not field-specific
     * @param message what is wrong and what would be right
     */
    public InvalidRequestException(String param, String message) {
        super(message, null, false, false);
        this.param = param;
    }

    /** The offending request field, or null. */
    public String param() {
        return param;
    }
}
