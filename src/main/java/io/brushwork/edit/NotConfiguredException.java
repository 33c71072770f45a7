package io.brushwork.edit;

/**
 * The model has no backend for what the request asks (generate on a server with built-in engines only, say), or
 * the server has no service the route needs (describe without a vision model). Retrying cannot help; the message
 * names the configuration the operator would add.
 */
public final class NotConfiguredException extends EditException {

    public NotConfiguredException(String message) {
        super(message);
    }

    @Override
    public Kind kind() {
        return Kind.NOT_CONFIGURED;
    }
}
