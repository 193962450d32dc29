package dev.switchboard.engine.tracing.impl;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/**
 * The attribute keys of Switchboard's spans: the OpenTelemetry GenAI semantic conventions where they
 * have a name for it ({@code gen_ai.*}, {@code error.type}, {@code http.response.status_code}), and
 * {@code switchboard.*} for the router's own facts.
 */
final class SpanAttributes {
    private SpanAttributes() {
    }

    static final AttributeKey<String> GEN_AI_OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    static final AttributeKey<String> GEN_AI_SYSTEM = AttributeKey.stringKey("gen_ai.system");
    static final AttributeKey<String> GEN_AI_REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    static final AttributeKey<String> GEN_AI_RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
    static final AttributeKey<Long> GEN_AI_INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    static final AttributeKey<Long> GEN_AI_OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");

    static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("switchboard.request_id");
    static final AttributeKey<Boolean> STREAM = AttributeKey.booleanKey("switchboard.stream");
    static final AttributeKey<String> ROUTE = AttributeKey.stringKey("switchboard.route");
    static final AttributeKey<String> ROUTER = AttributeKey.stringKey("switchboard.router");
    static final AttributeKey<String> REASON = AttributeKey.stringKey("switchboard.routing.reason");
    static final AttributeKey<String> CATEGORY = AttributeKey.stringKey("switchboard.category");
    static final AttributeKey<String> TIER = AttributeKey.stringKey("switchboard.tier");
    static final String LABEL_PREFIX = "switchboard.label.";
    static final AttributeKey<List<String>> CANDIDATES = AttributeKey.stringArrayKey("switchboard.candidates");
    static final AttributeKey<String> MODEL = AttributeKey.stringKey("switchboard.model");
    static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("switchboard.provider");
    static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("switchboard.attempt");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("switchboard.outcome");
    static final AttributeKey<Long> ATTEMPTS = AttributeKey.longKey("switchboard.attempts");
    /** On an attempt span whose answer showed a poor-result signal of its route's escalation: which one. */
    static final AttributeKey<String> POOR_SIGNAL = AttributeKey.stringKey("switchboard.poor_signal");
    /** With {@link #POOR_SIGNAL}: whether the engine re-asked the next candidate (else the answer was served as it is). */
    static final AttributeKey<Boolean> ESCALATED = AttributeKey.booleanKey("switchboard.escalated");
    static final AttributeKey<Long> FALLBACKS = AttributeKey.longKey("switchboard.fallbacks");
    static final AttributeKey<Long> RETRIES = AttributeKey.longKey("switchboard.retries");
    static final AttributeKey<Double> COST = AttributeKey.doubleKey("switchboard.cost_usd");
    static final AttributeKey<Long> STATUS = AttributeKey.longKey("switchboard.status");
    static final AttributeKey<Long> FIRST_TOKEN_MS = AttributeKey.longKey("switchboard.time_to_first_token_ms");
    static final AttributeKey<String> KEY_NAME = AttributeKey.stringKey("switchboard.key_name");
}
