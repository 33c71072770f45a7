package io.brushwork.edit;

/** A client's value quoted back in an error message, cut short so a huge value does not make a huge error. */
public final class Quoted {
    private static final int MAX = 100;

    private Quoted() {
    }

    public static String of(String value) {
        String shown = value.length() <= MAX ? value : value.substring(0, MAX) + "… (" + value.length() + " chars)";
        return "'" + shown + "'";
    }
}
