package dev.switchboard.plugins.router.keyword;

import java.util.List;
import java.util.Map;

/**
 * Built-in keyword lists for the well-known categories, so a route that only gives a category's
 * {@code models} works. A category configured with {@code keywords} replaces its list here.
 */
final class DefaultKeywords {

    /** Category a request with tools goes to (when configured). */
    static final String TOOLS = "tools";
    /** Category short messages go to, and the default category (when configured). */
    static final String CONVERSATION = "conversation";

    private static final Map<String, List<String>> LISTS = Map.of(
            "code", List.of("code", "coding", "program", "programming", "script", "function", "method", "class",
                    "variable", "python", "java", "javascript", "typescript", "kotlin", "rust", "golang", "c++", "c#",
                    "ruby", "php", "swift", "scala", "sql", "regex", "bash", "shell script", "html", "css", "json",
                    "yaml", "api", "endpoint", "bug", "debug", "debugging", "compile", "compiler", "error", "exception",
                    "stack trace", "traceback", "segfault", "null pointer", "refactor", "unit test", "algorithm",
                    "syntax", "git", "docker", "kubernetes", "dockerfile", "maven", "gradle", "npm", "library"),
            "reasoning", List.of("why", "explain", "explanation", "prove", "proof", "analyze", "analyse", "analysis",
                    "compare", "comparison", "trade-off", "trade-offs", "tradeoff", "pros and cons", "step by step",
                    "reason", "reasoning", "logic", "logical", "evaluate", "implications", "how does", "what if",
                    "derive", "theorem", "hypothesis", "calculate", "solve", "equation", "puzzle", "strategy"),
            TOOLS, List.of("search the web", "web search", "look up", "browse", "fetch", "call the api", "use the tool",
                    "tool call", "function calling", "weather", "send an email", "set a reminder", "book a",
                    "latest news", "current price", "stock price"),
            CONVERSATION, List.of("hi", "hello", "hey", "howdy", "thanks", "thank you", "thx", "good morning",
                    "good evening", "good night", "how are you", "what's up", "bye", "goodbye", "see you", "cheers",
                    "nice to meet you", "lol"));

    private DefaultKeywords() {
    }

    /** The built-in list for a category name, or an empty list for custom categories. */
    static List<String> forCategory(String name) {
        return LISTS.getOrDefault(name, List.of());
    }
}
