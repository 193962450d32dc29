package dev.switchboard.engine.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.config.SwitchboardConfig.Escalation;
import dev.switchboard.spi.model.ModelDescriptor;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code escalation.to} as a table: a plan of models written {@code id=input/output} (prices per
 * million tokens; {@code id} alone has no price), the model that answered poorly, and the model
 * asked again ({@code -} when none is left).
 */
class EscalationTargetTest {

    /** Parses {@code nano=0.10/0.40 lite=0.10/0.40 mini=0.15/0.60}. */
    static List<ModelDescriptor> plan(String models) {
        return Arrays.stream(models.trim().split("\\s+")).map(EscalationTargetTest::model).toList();
    }

    static ModelDescriptor model(String spec) {
        String[] idAndPrice = spec.split("=");
        Double in = null;
        Double out = null;
        if (idAndPrice.length == 2) {
            String[] prices = idAndPrice[1].split("/");
            in = Double.valueOf(prices[0]);
            out = Double.valueOf(prices[1]);
        }
        return new ModelDescriptor(idAndPrice[0], "p", null, 128_000, 4096, Set.of(), in, out, null, List.of());
    }

    static String target(String models, String poor, String to) {
        List<ModelDescriptor> plan = plan(models);
        int at = plan.stream().map(ModelDescriptor::id).toList().indexOf(poor);
        int i = EscalationTarget.after(plan, at, to);
        return i < 0 ? "-" : plan.get(i).id();
    }

    @ParameterizedTest(name = "{2} in [{0}] -> {3}")
    @CsvSource(delimiter = '|', value = {
        // the bundled auto route's tiers: budget peers share a price, the mid tier is pricier
        "nano=0.10/0.40 lite=0.10/0.40 mini=0.15/0.60 flash=0.30/2.50 | stronger | nano | mini",
        "nano=0.10/0.40 lite=0.10/0.40 mini=0.15/0.60 flash=0.30/2.50 | next     | nano | lite",
        "nano=0.10/0.40 lite=0.10/0.40 mini=0.15/0.60 flash=0.30/2.50 | stronger | lite | mini",
        // the standard tier's second model is cheaper than its first: the premium tier is next
        "sonnet=3/15 gpt41=2/8 opus=15/75 pro=1.25/10                 | stronger | sonnet | opus",
        // same output price: the higher input price is stronger
        "pro=1.25/10 gpt4o=2.50/10                                    | stronger | pro | gpt4o",
        "gpt4o=2.50/10 pro=1.25/10 opus=15/75                         | stronger | gpt4o | opus",
        // nothing later is stronger: the next candidate all the same
        "opus=15/75 pro=1.25/10 mini=0.15/0.60                        | stronger | opus | pro",
        // the last candidate: none left
        "nano=0.10/0.40 mini=0.15/0.60                                | stronger | mini | -",
        "nano=0.10/0.40 mini=0.15/0.60                                | next     | mini | -",
        // a poor model without a price: the route's order decides
        "custom lite=0.10/0.40 mini=0.15/0.60                         | stronger | custom | lite",
        // a candidate without a price is not taken as stronger than a priced model ...
        "nano=0.10/0.40 custom mini=0.15/0.60                         | stronger | nano | mini",
        // ... but is the next candidate when nothing later is shown stronger
        "nano=0.10/0.40 custom lite=0.10/0.40                         | stronger | nano | custom",
        // ... and is stronger than a free model, as any priced one is; free peers are not
        "local=0/0 local2=0/0 custom                                  | stronger | local | custom",
        "local=0/0 local2=0/0 nano=0.10/0.40                          | stronger | local | nano"})
    void theCandidateAskedAgain(String models, String to, String poor, String expected) {
        assertEquals(expected, target(models, poor, to.trim()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {Escalation.STRONGER, Escalation.NEXT})
    void aSinglePlanHasNothingToEscalateTo(String to) {
        assertEquals(-1, EscalationTarget.after(plan("nano=0.10/0.40"), 0, to));
    }
}
