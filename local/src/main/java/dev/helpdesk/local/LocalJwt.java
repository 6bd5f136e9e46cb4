package dev.helpdesk.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The local stand-in for Cognito and the HTTP API's JWT authorizer: issues RS256 agent tokens with a key made
 * at start-up, and checks signature, issuer, audience and expiry the way the authorizer does.
 */
final class LocalJwt {
    static final String ISSUER = "https://helpdesk.local/issuer";
    static final String AUDIENCE = "helpdesk-local";
    static final Duration LIFETIME = Duration.ofHours(12);
    /** How far ahead of this clock a token's nbf or iat may be: servers' clocks differ by seconds, not minutes. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private final RSAKey key;
    private final Clock clock;

    LocalJwt(Clock clock) {
        this.clock = clock;
        try {
            this.key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    String issue(String sub, String role) {
        return sign(claims(sub).claim("role", role).build());
    }

    /** An ID token as Cognito's hosted UI gives it: the role in {@code custom:role}, {@code token_use} id. */
    String issueIdToken(String sub, String role) {
        return sign(claims(sub).claim("custom:role", role).claim("token_use", "id").build());
    }

    private JWTClaimsSet.Builder claims(String sub) {
        Instant now = clock.instant();
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject(sub)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(LIFETIME))).jwtID(UUID.randomUUID().toString());
    }

    /** Signs these claims with this cloud's key (tests build tokens with odd times through it). */
    String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token's claims as strings (as API Gateway passes them to the function), or an exception saying why not. */
    Map<String, String> verify(String token) throws InvalidTokenException {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new RSASSAVerifier(key.toPublicJWK()))) {
                throw new InvalidTokenException("signature does not verify");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (!ISSUER.equals(claims.getIssuer()) || claims.getAudience() == null || !claims.getAudience().contains(AUDIENCE)) {
                throw new InvalidTokenException("wrong issuer or audience");
            }
            Instant now = clock.instant();
            if (claims.getExpirationTime() == null || !claims.getExpirationTime().toInstant().isAfter(now)) {
                throw new InvalidTokenException("token expired");
            }
            // Not yet valid, or issued in the future: refused beyond a small allowance for clock skew, as the
            // HTTP API's JWT authorizer refuses nbf and iat after the current time.
            if (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().toInstant().isAfter(now.plus(CLOCK_SKEW))) {
                throw new InvalidTokenException("token not yet valid (nbf)");
            }
            if (claims.getIssueTime() != null && claims.getIssueTime().toInstant().isAfter(now.plus(CLOCK_SKEW))) {
                throw new InvalidTokenException("token issued in the future (iat)");
            }
            Map<String, String> out = new LinkedHashMap<>();
            claims.getClaims().forEach((name, value) -> out.put(name, value instanceof Date d
                    ? Long.toString(d.toInstant().getEpochSecond()) : String.valueOf(value)));
            return out;
        } catch (ParseException | JOSEException e) {
            throw new InvalidTokenException("malformed token");
        }
    }

    static final class InvalidTokenException extends Exception {
        InvalidTokenException(String message) {
            super(message);
        }
    }
}
