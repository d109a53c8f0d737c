package io.rewardloop.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.rewardloop.events.ModelPublished;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ModelSigningTest {

    private static final byte[] SECRET =
            "a shared secret of at least thirty-two bytes".getBytes(StandardCharsets.UTF_8);

    private static ModelPublished signed(ModelSigning signing, String lineage, ModelPublished r) {
        return ModelPublished.newBuilder(r)
                .setSignature(signing.sign(lineage, r).orElseThrow())
                .build();
    }

    @Test
    void shouldAcceptAnHmacSignedRecordAndRefuseAnyChangeToIt() {
        ModelSigning hmac = ModelSigning.hmac(SECRET);
        ModelPublished record = signed(hmac, "default", TinyModels.record("v1"));

        assertThat(hmac.problem("default", record)).isEmpty();
        assertThat(hmac.problem("other", record)).hasValue("HMAC-SHA256 signature does not match");
        ModelPublished swapped =
                ModelPublished.newBuilder(record).setSha256("00".repeat(32)).build();
        assertThat(hmac.problem("default", swapped)).isPresent();
        ModelPublished rolledBack = ModelPublished.newBuilder(record).setRollback(true).build();
        assertThat(hmac.problem("default", rolledBack)).isPresent();
    }

    @Test
    void shouldRefuseUnsignedRecordsOnlyWhenSigningIsOn() {
        ModelPublished unsigned = TinyModels.record("v1");

        assertThat(ModelSigning.none().problem("default", unsigned)).isEmpty();
        assertThat(ModelSigning.hmac(SECRET).problem("default", unsigned))
                .hasValue("unsigned, and signing is on");
    }

    @Test
    void shouldVerifyEd25519WithThePublicKeyAlone() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        KeyPair pair = generator.generateKeyPair();
        KeyPair other = generator.generateKeyPair();
        String privatePem =
                "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
                        + "\n-----END PRIVATE KEY-----\n";
        ModelSigning publisher = ModelSigning.ed25519(ModelSigning.privateKey(privatePem), null);
        ModelSigning forger = ModelSigning.ed25519(other.getPrivate(), null);
        ModelSigning follower =
                ModelSigning.ed25519(
                        null,
                        ModelSigning.publicKey(
                                Base64.getEncoder().encodeToString(pair.getPublic().getEncoded())));

        assertThat(follower.signs()).isFalse();
        assertThat(
                        follower.problem(
                                "default", signed(publisher, "default", TinyModels.record("v1"))))
                .isEmpty();
        assertThat(follower.problem("default", signed(forger, "default", TinyModels.record("v1"))))
                .hasValue("Ed25519 signature does not verify");
        assertThat(
                        follower.problem(
                                "default",
                                signed(
                                        ModelSigning.hmac(SECRET),
                                        "default",
                                        TinyModels.record("v1"))))
                .hasValue("signature is not of the configured scheme");
    }
}
