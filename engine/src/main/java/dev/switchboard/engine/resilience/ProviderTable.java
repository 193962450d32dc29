package dev.switchboard.engine.resilience;

import dev.switchboard.engine.error.SecretRedactor;
import dev.switchboard.engine.quality.PoorResult;
import dev.switchboard.engine.upstream.ProviderRuntime;
import java.util.Map;

/**
 * The providers the attempt loop calls and the redactor of their errors. The pipeline's
 * {@code RoutingTable} is one; declared here so the attempt loop does not depend on the pipeline.
 */
public interface ProviderTable {
    /** Provider id to runtime. */
    Map<String, ProviderRuntime> providers();

    /** Scrubs the config's secrets (and credential shapes) from upstream error text. */
    SecretRedactor redactor();

    /**
     * The judge of poor answers of {@code route} ({@code routes.<name>.escalation}), or null when the
     * route has none or the request named a model (direct calls never escalate). None by default.
     */
    default PoorResult escalation(String route) {
        return null;
    }
}
