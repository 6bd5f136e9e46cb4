package dev.helpdesk.local;

import static org.junit.jupiter.api.Assertions.*;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The local JWT check honours exp, nbf and iat as the HTTP API's JWT authorizer does (R-SEC), with a minute of skew. */
class LocalJwtTest {
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private final LocalJwt jwt = new LocalJwt(Clock.fixed(NOW, ZoneOffset.UTC));

    private JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().issuer(LocalJwt.ISSUER).audience(LocalJwt.AUDIENCE).subject("ann").claim("role", "support")
                .issueTime(Date.from(NOW.minusSeconds(10))).expirationTime(Date.from(NOW.plus(Duration.ofHours(1))));
    }

    @Test
    @DisplayName("a current token passes, and its claims reach the function as strings")
    void currentToken() throws Exception {
        assertEquals("support", jwt.verify(jwt.sign(claims().notBeforeTime(Date.from(NOW.minusSeconds(5))).build())).get("role"));
        assertEquals("support", jwt.verify(jwt.issue("ann", "support")).get("role"));
    }

    @Test
    @DisplayName("nbf or iat in the future beyond the skew is refused; within it, accepted")
    void futureTimes() throws Exception {
        Instant later = NOW.plus(Duration.ofMinutes(5));
        var notYet = assertThrows(LocalJwt.InvalidTokenException.class, () -> jwt.verify(jwt.sign(claims().notBeforeTime(Date.from(later)).build())));
        assertTrue(notYet.getMessage().contains("nbf"), notYet.getMessage());
        var fromTheFuture = assertThrows(LocalJwt.InvalidTokenException.class, () -> jwt.verify(jwt.sign(claims().issueTime(Date.from(later)).build())));
        assertTrue(fromTheFuture.getMessage().contains("iat"), fromTheFuture.getMessage());
        Instant skewed = NOW.plusSeconds(30);
        assertNotNull(jwt.verify(jwt.sign(claims().issueTime(Date.from(skewed)).notBeforeTime(Date.from(skewed)).build())));
    }

    @Test
    @DisplayName("expired, wrong audience and unsigned tokens are refused")
    void otherRefusals() {
        assertThrows(LocalJwt.InvalidTokenException.class, () -> jwt.verify(jwt.sign(claims().expirationTime(Date.from(NOW)).build())));
        assertThrows(LocalJwt.InvalidTokenException.class, () -> jwt.verify(jwt.sign(claims().audience("someone-else").build())));
        assertThrows(LocalJwt.InvalidTokenException.class, () -> jwt.verify("eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbm4ifQ."));
        assertThrows(LocalJwt.InvalidTokenException.class, () -> jwt.verify("not a token"));
    }
}
