package dev.helpdesk.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** R-INGEST-3: identities are normalised so the same person writing twice is recognised. */
class IdentityTest {

    @Test
    @DisplayName("R-INGEST-3 an email address is trimmed and lower-cased")
    void emailIsTrimmedAndLowerCased() {
        Identity identity = Identity.email("  Ann.Larsson@Example.COM \t");
        assertEquals(Identity.Kind.EMAIL, identity.kind());
        assertEquals("ann.larsson@example.com", identity.value());
    }

    @Test
    @DisplayName("R-INGEST-3 the same email in another case is the same identity")
    void sameEmailInOtherCaseIsEqual() {
        assertEquals(Identity.email("ann@example.com"), Identity.email("ANN@Example.com"));
        assertEquals(Identity.email("ann@example.com").key(), Identity.email(" Ann@EXAMPLE.com").key());
    }

    @Test
    @DisplayName("a phone number is trimmed but otherwise kept as the provider gave it")
    void phoneIsTrimmedOnly() {
        assertEquals("+46701234567", Identity.phone(" +46701234567 ").value());
        assertEquals(Identity.Kind.PHONE, Identity.phone("+46701234567").kind());
    }

    @Test
    @DisplayName("only emails are case-folded: social and chat ids are case-sensitive")
    void nonEmailValuesKeepTheirCase() {
        Identity chat = new Identity(Identity.Kind.CHAT, " Visitor-AbC ");
        assertEquals("Visitor-AbC", chat.value());
        assertNotEquals(new Identity(Identity.Kind.CHAT, "abc"), new Identity(Identity.Kind.CHAT, "ABC"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "\t\n"})
    @DisplayName("a blank or missing value is refused")
    void blankValueIsRefused(String value) {
        for (Identity.Kind kind : Identity.Kind.values()) {
            assertThrows(IllegalArgumentException.class, () -> new Identity(kind, value), kind.name());
        }
    }

    @Test
    @DisplayName("a missing kind is refused")
    void missingKindIsRefused() {
        assertThrows(NullPointerException.class, () -> new Identity(null, "ann@example.com"));
    }

    @Test
    @DisplayName("key() is <kind in lower case>:<normalised value>")
    void keyFormat() {
        assertEquals("email:ann@example.com", Identity.email(" ANN@example.com ").key());
        assertEquals("phone:+46701234567", Identity.phone("+46701234567").key());
        assertEquals("whatsapp:4670123", new Identity(Identity.Kind.WHATSAPP, "4670123").key());
        assertEquals("messenger:PSID-1", new Identity(Identity.Kind.MESSENGER, "PSID-1").key());
    }

    @ParameterizedTest
    @EnumSource(Identity.Kind.class)
    @DisplayName("every kind's key starts with its lower-case name and a colon")
    void everyKindHasItsPrefix(Identity.Kind kind) {
        assertEquals(kind.name().toLowerCase() + ":x1", new Identity(kind, "x1").key());
    }
}
