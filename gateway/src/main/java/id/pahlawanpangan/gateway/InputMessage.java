package id.pahlawanpangan.gateway;

import id.pahlawanpangan.events.InputType;
import id.pahlawanpangan.events.SourceStream;

/** An input event the gateway has validated, ready for its publisher's subject. */
public final class InputMessage {
    final InputType type;
    final SourceStream stream;
    /** The provider or NGO the subject names: the authenticated client. */
    final String publisherId;
    final String payload;

    InputMessage(InputType type, String publisherId, String payload) {
        this.type = type;
        this.stream = type.stream();
        this.publisherId = publisherId;
        this.payload = payload;
    }

    public SourceStream stream() {
        return stream;
    }

    public String payload() {
        return payload;
    }
}
