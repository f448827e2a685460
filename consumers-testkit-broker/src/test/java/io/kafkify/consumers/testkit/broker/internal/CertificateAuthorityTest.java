package io.kafkify.consumers.testkit.broker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {

    @Test
    void issues_a_broker_certificate_for_the_loopback_address_that_chains_to_the_authority(@TempDir Path directory)
            throws Exception {
        CertificateAuthority authority = CertificateAuthority.create("test CA");
        authority.writeTrustStore(directory.resolve("trust.p12"), "trust-pw");
        authority.writeKeyStore(directory.resolve("broker.p12"), "key-pw", "broker", true);

        X509Certificate ca = (X509Certificate) load(directory.resolve("trust.p12"), "trust-pw").getCertificate("ca");
        KeyStore keys = load(directory.resolve("broker.p12"), "key-pw");
        X509Certificate broker = (X509Certificate) keys.getCertificate("broker");

        broker.verify(ca.getPublicKey());
        ca.verify(ca.getPublicKey());
        broker.checkValidity();
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(broker.getSubjectX500Principal().getName()).isEqualTo("CN=broker");
        assertThat(broker.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
        assertThat(broker.getSubjectAlternativeNames())
                .containsExactlyInAnyOrder(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
        assertThat(keys.getKey("broker", "key-pw".toCharArray())).isNotNull();
    }

    @Test
    void issues_a_client_certificate_with_no_alternative_names(@TempDir Path directory) throws Exception {
        CertificateAuthority authority = CertificateAuthority.create("test CA");
        authority.writeKeyStore(directory.resolve("client.p12"), "pw", "billing", false);

        X509Certificate client = (X509Certificate) load(directory.resolve("client.p12"), "pw").getCertificate("billing");

        assertThat(client.getSubjectX500Principal().getName()).isEqualTo("CN=billing");
        assertThat(client.getSubjectAlternativeNames()).isNull();
        assertThat(client.getBasicConstraints()).isEqualTo(-1);
    }

    private static KeyStore load(Path file, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }
}
