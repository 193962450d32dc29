package dev.switchboard.plugins.router.complexity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CodeMarkersTest {
    private final CodeMarkers markers = new CodeMarkers(ComplexityRouterFactory.DEFAULT_CODE_MARKERS);

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "'```\nx\n```'                        | fenced",
        "'see ```js'                          | fenced",
        "'def f(): pass'                      | def",
        "'x\n  def f(): pass'                 | def",
        "'undef x'                            | null",
        "'function f() {}'                    | function",
        "'prefunction hook'                   | null",
        "'my_function f'                      | null",
        "'(function () {})()'                 | function",
        "'Class of 2020'                      | null",
        "'import os'                          | import",
        "'important news'                     | null",
        "'reimport it'                        | null",
        "''                                   | null",
        "'函数function x'                     | function"})
    void findsLiteralMarkersAtWordStarts(String text, String expected) {
        assertEquals(expected, markers.find(text));
    }
}
