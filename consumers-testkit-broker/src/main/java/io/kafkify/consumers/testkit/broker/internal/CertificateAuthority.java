package io.kafkify.consumers.testkit.broker.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A throw-away certificate authority for the embedded broker's TLS listeners: it signs the
 * broker's certificate (valid for 127.0.0.1 and localhost, so that clients verify the host name
 * as they do in production) and the certificates of mutual-TLS clients, and writes PKCS12 key
 * and trust stores. EC P-256 keys and ECDSA-SHA256 signatures, made with JDK APIs alone, in
 * milliseconds.
 */
public final class CertificateAuthority {

    private static final String EC_PUBLIC_KEY_SHA256 = "1.2.840.10045.4.3.2";
    private static final String COMMON_NAME = "2.5.4.3";
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String SUBJECT_ALTERNATIVE_NAME = "2.5.29.17";
    private static final byte[] LOOPBACK = {127, 0, 0, 1};

    private final SecureRandom random = new SecureRandom();
    private final KeyPair keys;
    private final String name;
    private final X509Certificate certificate;

    private CertificateAuthority(String name) throws GeneralSecurityException {
        this.name = name;
        this.keys = newKeyPair();
        this.certificate = sign(name, keys, true, false);
    }

    /**
     * @param name the authority's common name
     * @return a new authority with a self-signed certificate
     */
    public static CertificateAuthority create(String name) {
        try {
            return new CertificateAuthority(name);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JDK cannot make an EC P-256 key or sign with ECDSA-SHA256", e);
        }
    }

    /**
     * Writes a trust store holding this authority's certificate, which every certificate it issues chains to.
     *
     * @param file where to write it, a PKCS12 file
     * @param password the store's password
     * @throws IOException if it cannot be written
     */
    public void writeTrustStore(Path file, String password) throws IOException {
        try {
            KeyStore store = emptyStore();
            store.setCertificateEntry("ca", certificate);
            write(store, file, password);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not build the trust store " + file, e);
        }
    }

    /**
     * Issues a key and a certificate, and writes them with this authority's certificate to a key store.
     *
     * @param file where to write it, a PKCS12 file
     * @param password the store's and the key's password
     * @param commonName the certificate's subject, {@code CN=<commonName>}
     * @param forBroker whether the certificate names 127.0.0.1 and localhost (a broker's), or nothing else (a client's)
     * @throws IOException if it cannot be written
     */
    public void writeKeyStore(Path file, String password, String commonName, boolean forBroker) throws IOException {
        try {
            KeyPair subject = newKeyPair();
            X509Certificate issued = sign(commonName, subject, false, forBroker);
            KeyStore store = emptyStore();
            store.setKeyEntry(commonName, subject.getPrivate(), password.toCharArray(),
                    new Certificate[] {issued, certificate});
            write(store, file, password);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not build the key store " + file, e);
        }
    }

    private X509Certificate sign(String subject, KeyPair subjectKeys, boolean authority, boolean forBroker)
            throws GeneralSecurityException {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        byte[] algorithm = Der.sequence(Der.oid(EC_PUBLIC_KEY_SHA256));
        List<byte[]> extensions = new ArrayList<>();
        if (authority) {
            extensions.add(Der.sequence(Der.oid(BASIC_CONSTRAINTS), Der.bool(true),
                    Der.octetString(Der.sequence(Der.bool(true)))));
        }
        if (forBroker) {
            byte[] names = Der.sequence(Der.implicitPrimitive(2, "localhost".getBytes(StandardCharsets.US_ASCII)),
                    Der.implicitPrimitive(7, LOOPBACK.clone()));
            extensions.add(Der.sequence(Der.oid(SUBJECT_ALTERNATIVE_NAME), Der.octetString(names)));
        }
        List<byte[]> fields = new ArrayList<>(List.of(
                Der.explicit(0, Der.integer(BigInteger.TWO)), // v3
                Der.integer(new BigInteger(63, random).add(BigInteger.ONE)),
                algorithm,
                distinguishedName(authority ? subject : name),
                Der.sequence(Der.utcTime(now.minusHours(1)), Der.utcTime(now.plusYears(2))),
                distinguishedName(subject),
                subjectKeys.getPublic().getEncoded()));
        if (!extensions.isEmpty()) {
            fields.add(Der.explicit(3, Der.sequence(extensions.toArray(byte[][]::new))));
        }
        byte[] toBeSigned = Der.sequence(fields.toArray(byte[][]::new));
        PrivateKey signer = authority ? subjectKeys.getPrivate() : keys.getPrivate();
        Signature signature = Signature.getInstance("SHA256withECDSA");
        signature.initSign(signer, random);
        signature.update(toBeSigned);
        byte[] encoded = Der.sequence(toBeSigned, algorithm, Der.bitString(signature.sign()));
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(encoded));
    }

    private static byte[] distinguishedName(String commonName) {
        return Der.sequence(Der.set(Der.sequence(Der.oid(COMMON_NAME), Der.utf8String(commonName))));
    }

    private KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        return generator.generateKeyPair();
    }

    private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }

    private static void write(KeyStore store, Path file, String password) throws IOException, GeneralSecurityException {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
    }
}
