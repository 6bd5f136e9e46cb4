package dev.helpdesk.domain;

import java.util.Locale;
import java.util.Objects;

/**
 * One way a customer can be reached: an email address, a phone number, a social or chat id. Values are
 * normalised so that the same person writing twice is recognised (emails lower-cased, phones as given in
 * E.164 by the provider).
 */
public record Identity(Kind kind, String value) {
    public enum Kind { EMAIL, PHONE, MESSENGER, INSTAGRAM, WHATSAPP, CHAT }

    public Identity {
        Objects.requireNonNull(kind, "kind");
        if (value == null || value.isBlank()) {
            throw new InvalidInput(kind.name().toLowerCase(Locale.ROOT) + " must not be blank");
        }
        value = kind == Kind.EMAIL ? value.trim().toLowerCase(Locale.ROOT) : value.trim();
    }

    public static Identity email(String address) {
        return new Identity(Kind.EMAIL, address);
    }

    public static Identity phone(String e164) {
        return new Identity(Kind.PHONE, e164);
    }

    /** A stable string form, used as a key: {@code email:ann@example.com}. */
    public String key() {
        return kind.name().toLowerCase(Locale.ROOT) + ":" + value;
    }
}
