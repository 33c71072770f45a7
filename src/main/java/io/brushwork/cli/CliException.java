package io.brushwork.cli;

/** A mistake in how a command was called; printed as one line, exit status 2. */
final class CliException extends RuntimeException {
    CliException(String message) {
        super(message);
    }
}
