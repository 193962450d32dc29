package dev.switchboard.plugins.router.complexity;

/**
 * What one request's user text shows.
 *
 * @param math      the first math marker found, or null
 * @param reasoning the first reasoning marker found, or null
 * @param code      the label of the code marker found, or null
 * @param words     the number of words
 */
record Signals(String math, String reasoning, String code, int words) {
}
