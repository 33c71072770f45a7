package io.brushwork.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the quoted spans of a prompt: people put the text of signs and logos in quotes, and that text must reach the
 * engine exactly as typed. Recognised pairs: {@code "…"}, {@code “…”}, {@code „…“}, {@code «…»}, {@code 「…」},
 * {@code 『…』}, and single quotes {@code '…'} / {@code ‘…’} when they stand at word edges, so the apostrophes of
 * {@code Joe's} or {@code l'arbre} do not open a span.
 */
final class QuotedSpans {
    private static final Pattern SPAN = Pattern.compile(String.join("|",
            "\"([^\"]+)\"",
            "“([^”]+)”",
            "„([^“”]+)[“”]",
            "«([^»]+)»",
            "「([^」]+)」",
            "『([^』]+)』",
            "(?<![\\p{L}\\p{N}])‘(.+?)’(?![\\p{L}\\p{N}])",
            "(?<![\\p{L}\\p{N}])'(.+?)'(?![\\p{L}\\p{N}])"));

    private QuotedSpans() {
    }

    /** The text inside each quoted span, without its quotation marks, in order. */
    static List<String> in(String text) {
        List<String> spans = new ArrayList<>();
        Matcher m = SPAN.matcher(text);
        while (m.find()) {
            for (int g = 1; g <= m.groupCount(); g++) {
                if (m.group(g) != null) {
                    spans.add(m.group(g));
                    break;
                }
            }
        }
        return spans;
    }

    /** The text with every quoted span replaced by a space: what the user wrote as description, not as lettering. */
    static String without(String text) {
        return SPAN.matcher(text).replaceAll(" ");
    }
}
