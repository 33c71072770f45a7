package io.brushwork.edit;

/** The request cannot be carried out as sent; the message names the field and what would work. */
final class InvalidEditException extends EditException {
    InvalidEditException(String message) {
        super(message);
    }

    @Override
    public Kind kind() {
        return Kind.INVALID;
    }
}
