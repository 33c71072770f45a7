package io.brushwork.safety;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a prompt (or a listed term) into the words that term matching compares, so that the usual ways of
 * disguising a word do not get past a list. Prompts and terms go through the same steps, in this order:
 *
 * <ol>
 *   <li><b>Compatibility forms and case:</b> Unicode NFKD (full-width {@code ｓｅｘ}, ligatures and styled letters
 *       become plain letters), then lower case in {@link Locale#ROOT}.</li>
 *   <li><b>Accents and invisible characters:</b> combining marks are dropped ({@code é → e}), and so are format
 *       characters such as zero-width spaces and soft hyphens, which would otherwise split a word invisibly.</li>
 *   <li><b>Letters that do not decompose:</b> {@code ß → ss}, {@code æ → ae}, {@code œ → oe}, {@code ø → o},
 *       {@code đ → d}, {@code ł → l}, {@code ı → i}; and Cyrillic and Greek letters that look like Latin ones
 *       become those ({@code а е о р с у х ѕ і ј к → a e o p c y x s i j k}; {@code α ι κ ν ο ρ τ υ χ →
 *       a i k v o p t u x}).</li>
 *   <li><b>Separators:</b> anything that is not a letter, a digit or one of the substitution symbols below
 *       (punctuation, underscores, hyphens, whitespace, emoji) separates words.</li>
 *   <li><b>Spaced-out letters:</b> a run of two or more one-character pieces is joined ({@code s e x},
 *       {@code s.e.x}, {@code s-3-x} → {@code sex}). Because "a" and "i" are words of their own, a run that starts
 *       with one of them is also tried with it left apart ({@code a s e x} → {@code a sex}).</li>
 *   <li><b>Substitutions</b>, within a piece that has a letter or no digit (so {@code p0rn} and {@code @$$} are
 *       read as words while {@code 1990} and {@code $100} stay numbers):
 *       <pre>
 *       0 → o    1 → i    3 → e    4 → a    5 → s    7 → t    8 → b
 *       @ → a    $ → s    € → e    ! → i    | → i    + → t
 *       </pre>
 *       {@code !}, {@code |} and {@code +} count as letters only inside a piece, so {@code sex!} stays
 *       {@code sex}. Symbols in a number separate words.</li>
 * </ol>
 *
 * Languages written without spaces between words (Chinese, Japanese, Thai) get no word boundaries from this: a
 * term in them matches only where it stands apart in the prompt.
 */
final class PromptText {
    private PromptText() {
    }

    /**
     * The words of {@code text}, with spaced-out runs joined whole. This is the form listed terms are stored in.
     */
    static List<String> words(String text) {
        return variants(text).get(0);
    }

    /**
     * Every word sequence a prompt is checked as: first with spaced-out runs joined whole, then, if a run starts
     * with "a" or "i", with that letter left as a word of its own.
     */
    static List<List<String>> variants(String text) {
        List<String> pieces = pieces(fold(text));
        List<String> whole = new ArrayList<>();
        List<String> articleApart = new ArrayList<>();
        boolean articleSplit = false;
        int i = 0;
        while (i < pieces.size()) {
            int end = i;
            while (end < pieces.size() && pieces.get(end).codePointCount(0, pieces.get(end).length()) == 1) {
                end++;
            }
            if (end - i >= 2) {
                String joined = String.join("", pieces.subList(i, end));
                addWords(joined, whole);
                String first = pieces.get(i);
                if (end - i >= 3 && (first.equals("a") || first.equals("i"))) {
                    articleApart.add(first);
                    addWords(String.join("", pieces.subList(i + 1, end)), articleApart);
                    articleSplit = true;
                } else {
                    addWords(joined, articleApart);
                }
                i = end;
            } else {
                addWords(pieces.get(i), whole);
                addWords(pieces.get(i), articleApart);
                i++;
            }
        }
        return articleSplit ? List.of(whole, articleApart) : List.of(whole);
    }

    /** Steps 1 to 3: compatibility forms, case, accents, invisible characters and look-alike letters. */
    static String fold(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(decomposed.length());
        decomposed.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            if (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                    || type == Character.ENCLOSING_MARK || type == Character.FORMAT) {
                return;
            }
            String replacement = foldLetter(cp);
            if (replacement != null) {
                out.append(replacement);
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    private static String foldLetter(int cp) {
        return switch (cp) {
            case 'ß' -> "ss";
            case 'æ' -> "ae";
            case 'œ' -> "oe";
            case 'ø' -> "o";
            case 'đ' -> "d";
            case 'ł' -> "l";
            case 'ı' -> "i";
            // Cyrillic look-alikes
            case 'а' -> "a";
            case 'е' -> "e";
            case 'о' -> "o";
            case 'р' -> "p";
            case 'с' -> "c";
            case 'у' -> "y";
            case 'х' -> "x";
            case 'ѕ' -> "s";
            case 'і' -> "i";
            case 'ј' -> "j";
            case 'к' -> "k";
            // Greek look-alikes
            case 'α' -> "a";
            case 'ι' -> "i";
            case 'κ' -> "k";
            case 'ν' -> "v";
            case 'ο' -> "o";
            case 'ρ' -> "p";
            case 'τ' -> "t";
            case 'υ' -> "u";
            case 'χ' -> "x";
            default -> null;
        };
    }

    /** Step 4: the runs of letters, digits and substitution symbols, unchanged. */
    private static List<String> pieces(String folded) {
        List<String> pieces = new ArrayList<>();
        StringBuilder piece = new StringBuilder();
        folded.codePoints().forEach(cp -> {
            if (Character.isLetterOrDigit(cp) || substitute(cp) != 0) {
                piece.appendCodePoint(cp);
            } else if (piece.length() > 0) {
                pieces.add(piece.toString());
                piece.setLength(0);
            }
        });
        if (piece.length() > 0) {
            pieces.add(piece.toString());
        }
        return pieces;
    }

    /** Step 6: applies the substitutions to one piece and adds the words it yields to {@code out}. */
    private static void addWords(String piece, List<String> out) {
        int[] cps = piece.codePoints().toArray();
        boolean hasLetter = false;
        boolean hasDigit = false;
        for (int cp : cps) {
            hasLetter |= Character.isLetter(cp);
            hasDigit |= Character.isDigit(cp);
        }
        // "p0rn" and "@$$" are words in disguise; "1990" and "$100" are numbers
        boolean wordLike = hasLetter || !hasDigit;
        int start = 0;
        int end = cps.length;
        if (wordLike) {
            // a trailing "!" is punctuation far more often than an "i"
            while (start < end && insideOnly(cps[start])) {
                start++;
            }
            while (end > start && insideOnly(cps[end - 1])) {
                end--;
            }
        }
        StringBuilder word = new StringBuilder();
        for (int k = start; k < end; k++) {
            int cp = cps[k];
            char sub = substitute(cp);
            if (wordLike && sub != 0) {
                word.append(sub);
            } else if (Character.isLetterOrDigit(cp)) {
                word.appendCodePoint(cp);
            } else if (word.length() > 0) {
                out.add(word.toString());
                word.setLength(0);
            }
        }
        if (word.length() > 0) {
            out.add(word.toString());
        }
    }

    /** The letter a digit or symbol stands for, or 0. */
    private static char substitute(int cp) {
        return switch (cp) {
            case '0' -> 'o';
            case '1', '!', '|' -> 'i';
            case '3', '€' -> 'e';
            case '4', '@' -> 'a';
            case '5', '$' -> 's';
            case '7', '+' -> 't';
            case '8' -> 'b';
            default -> 0;
        };
    }

    private static boolean insideOnly(int cp) {
        return cp == '!' || cp == '|' || cp == '+';
    }
}
