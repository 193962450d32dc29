package dev.switchboard.engine.pipeline;

/**
 * A candidate dropped before any call, and why.
 *
 * @param model  the catalog model id
 * @param reason e.g. {@code no vision capability}
 * @param kind   a short tag: {@code capability}, {@code context}, {@code credentials}, {@code breaker}
 */
public record Rejection(String model, String reason, String kind) {
}
