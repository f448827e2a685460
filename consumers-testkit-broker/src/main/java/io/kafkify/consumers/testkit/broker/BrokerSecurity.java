package io.kafkify.consumers.testkit.broker;

import io.kafkify.consumers.testkit.broker.internal.BrokerProcessMain;
import io.kafkify.consumers.testkit.broker.internal.CertificateAuthority;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The embedded broker's security, as its builder asked for it: the SCRAM users (and with them the
 * {@code SASL_SSL} listener), the {@code SSL} listener with or without client certificates, and
 * the ACL authorizer. It writes the key material when the broker is first prepared, says which
 * listeners and settings the broker needs, and builds each listener's client settings.
 *
 * <p>Every listener but {@code PLAINTEXT} is secured; {@code PLAINTEXT} (and the controller's
 * listener) stays open to the test itself, as a super user when ACLs are on, so that creating
 * topics, granting ACLs and producing test data need no credentials.
 *
 * <p>Not thread-safe while built; after {@link #prepare(Path)} it is read-only, except that client
 * key stores are issued under this object's lock.
 */
final class BrokerSecurity {

    static final String SASL_SSL = "SASL_SSL";
    static final String SSL = "SSL";
    static final String SCRAM_SHA_256 = "SCRAM-SHA-256";
    static final String SCRAM_SHA_512 = "SCRAM-SHA-512";

    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern PASSWORD = Pattern.compile("[A-Za-z0-9._~!@#$%^&*()+-]+");
    private static final String SCRAM_LOGIN = "org.apache.kafka.common.security.scram.ScramLoginModule";
    private static final String AUTHORIZER = "org.apache.kafka.metadata.authorizer.StandardAuthorizer";
    /** Makes a client certificate's {@code CN=billing} the principal {@code User:billing}, as SCRAM's user name is. */
    private static final String CN_TO_USER = "RULE:^CN=([^,]+)$/$1/,DEFAULT";

    /** The protocol of the broker's {@code SSL} listener, if it has one. */
    enum Tls {
        NONE, SERVER_ONLY, MUTUAL
    }

    private final Map<String, String> scramUsers = new LinkedHashMap<>();
    private Tls tls = Tls.NONE;
    private boolean acls;

    private @Nullable Path directory;
    private @Nullable String host;
    private Map<String, Integer> ports = Map.of();
    private @Nullable String storePassword; // of every store and key: one random password per broker
    private @Nullable CertificateAuthority authority;

    // ---------------------------------------------------------------- as built

    void addScramUser(String name, String password) {
        scramUsers.put(name, password);
    }

    void tls(Tls mode) {
        this.tls = mode;
    }

    void acls() {
        this.acls = true;
    }

    /** @return a copy of what was asked for, so that a builder reused after build() changes no broker it built */
    BrokerSecurity copy() {
        BrokerSecurity copy = new BrokerSecurity();
        copy.scramUsers.putAll(scramUsers);
        copy.tls = tls;
        copy.acls = acls;
        return copy;
    }

    boolean aclsEnabled() {
        return acls;
    }

    /** @return what is wrong with the requested security, one line each, secrets never quoted */
    List<String> violations() {
        List<String> violations = new ArrayList<>();
        scramUsers.forEach((name, password) -> {
            if (!USER_NAME.matcher(name).matches()) {
                violations.add("scramUser \"" + name + "\": a user name is letters, digits and ._- only");
            }
            if (!PASSWORD.matcher(password).matches()) {
                violations.add("scramUser \"" + name + "\": a password is letters, digits and ._~!@#$%^&*()+- only "
                        + "(the password is not shown)");
            }
        });
        return violations;
    }

    /** @return the secured listeners, in the order their ports are picked: SASL_SSL, then SSL */
    List<String> listeners() {
        List<String> listeners = new ArrayList<>();
        if (!scramUsers.isEmpty()) {
            listeners.add(SASL_SSL);
        }
        if (tls != Tls.NONE) {
            listeners.add(SSL);
        }
        return listeners;
    }

    // ---------------------------------------------------------------- prepared

    /**
     * Writes the certificate authority's trust store and the broker's key store into the broker's
     * directory, if a listener needs TLS, and the SCRAM credentials the storage is formatted with.
     *
     * @param listenerHost the address the listeners bind
     * @param listenerPorts a free port for each of {@link #listeners()}, in order
     */
    void prepare(Path brokerDirectory, String listenerHost, List<Integer> listenerPorts) {
        this.directory = brokerDirectory;
        this.host = listenerHost;
        Map<String, Integer> byListener = new LinkedHashMap<>();
        List<String> listeners = listeners();
        for (int i = 0; i < listeners.size(); i++) {
            byListener.put(listeners.get(i), listenerPorts.get(i));
        }
        this.ports = Collections.unmodifiableMap(byListener);
        if (listeners().isEmpty()) {
            return;
        }
        String password = UUID.randomUUID().toString();
        this.storePassword = password;
        try {
            Path tlsDirectory = Files.createDirectories(brokerDirectory.resolve("tls"));
            CertificateAuthority authority = CertificateAuthority.create("Kafkify embedded broker CA " + UUID.randomUUID());
            authority.writeTrustStore(tlsDirectory.resolve("truststore.p12"), password);
            authority.writeKeyStore(tlsDirectory.resolve("broker.p12"), password, "embedded-kafka-broker", true);
            this.authority = authority;
            if (!scramUsers.isEmpty()) {
                StringBuilder credentials = new StringBuilder();
                scramUsers.forEach((name, secret) -> {
                    for (String mechanism : List.of(SCRAM_SHA_256, SCRAM_SHA_512)) {
                        credentials.append(mechanism).append("=[name=").append(name).append(",password=")
                                .append(secret).append("]\n");
                    }
                });
                Files.writeString(brokerDirectory.resolve(BrokerProcessMain.SCRAM_CREDENTIALS_FILE), credentials, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the broker's TLS material in " + brokerDirectory, e);
        }
    }

    /** @return each secured listener's port, by the listener's name; empty before {@link #prepare} */
    Map<String, Integer> listenerPorts() {
        return ports;
    }

    /**
     * @param listener {@code SASL_SSL} or {@code SSL}
     * @return its clients' address
     * @throws EmbeddedKafkaBrokerException if the broker has no such listener, or was never started
     */
    String bootstrapServers(String listener) {
        Integer port = ports.get(listener);
        if (port == null) {
            tlsDirectory(); // never started: says so
            throw new EmbeddedKafkaBrokerException("This broker has no " + listener + " listener; it has PLAINTEXT"
                    + (ports.isEmpty() ? "" : ", " + String.join(", ", ports.keySet())) + ". Ask for it on "
                    + "EmbeddedKafkaBroker.builder(): scramUser(name, password) adds SASL_SSL, tls() or mutualTls() SSL.");
        }
        return host + ":" + port;
    }

    /** @return the broker settings of the secured listeners, TLS and the authorizer; empty when there are none */
    Map<String, String> serverSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        if (!listeners().isEmpty()) {
            Path tlsDirectory = tlsDirectory();
            settings.put("ssl.keystore.type", "PKCS12");
            settings.put("ssl.keystore.location", tlsDirectory.resolve("broker.p12").toString());
            settings.put("ssl.keystore.password", storePassword());
            settings.put("ssl.key.password", storePassword());
            settings.put("ssl.truststore.type", "PKCS12");
            settings.put("ssl.truststore.location", tlsDirectory.resolve("truststore.p12").toString());
            settings.put("ssl.truststore.password", storePassword());
            settings.put("ssl.principal.mapping.rules", CN_TO_USER);
        }
        if (!scramUsers.isEmpty()) {
            settings.put("sasl.enabled.mechanisms", SCRAM_SHA_256 + "," + SCRAM_SHA_512);
            for (String mechanism : List.of(SCRAM_SHA_256, SCRAM_SHA_512)) {
                settings.put("listener.name.sasl_ssl." + mechanism.toLowerCase(Locale.ROOT) + ".sasl.jaas.config",
                        SCRAM_LOGIN + " required;");
            }
        }
        if (tls == Tls.MUTUAL) {
            settings.put("listener.name.ssl.ssl.client.auth", "required");
        }
        if (acls) {
            settings.put("authorizer.class.name", AUTHORIZER);
            // The PLAINTEXT and CONTROLLER listeners authenticate no one: their ANONYMOUS principal is
            // the broker itself (inter-broker and controller traffic) and the test's own admin.
            settings.put("super.users", "User:ANONYMOUS");
            settings.put("allow.everyone.if.no.acl.found", "false");
        }
        return settings;
    }

    // ---------------------------------------------------------------- client settings

    /** @return the password the builder gave the user, or {@code null} if there is no such user */
    @Nullable String scramPassword(String user) {
        return scramUsers.get(user);
    }

    Map<String, Object> saslSslClient(String user, String password) {
        Map<String, Object> properties = trustingClient(SASL_SSL);
        properties.put("sasl.mechanism", SCRAM_SHA_512);
        properties.put("sasl.jaas.config", SCRAM_LOGIN + " required username=\"" + user + "\" password=\""
                + password + "\";");
        return properties;
    }

    Map<String, Object> sslClient(@Nullable String clientName) {
        Map<String, Object> properties = trustingClient(SSL);
        if (clientName != null) {
            if (!USER_NAME.matcher(clientName).matches()) {
                throw new IllegalArgumentException("A client name is letters, digits and ._- only, was \"" + clientName
                        + "\"");
            }
            Path keyStore = tlsDirectory().resolve("client-" + clientName + ".p12");
            synchronized (this) {
                if (!Files.exists(keyStore)) {
                    try {
                        authority().writeKeyStore(keyStore, storePassword(), clientName, false);
                    } catch (IOException e) {
                        throw new UncheckedIOException("Could not write the key store " + keyStore, e);
                    }
                }
            }
            properties.put("ssl.keystore.type", "PKCS12");
            properties.put("ssl.keystore.location", keyStore.toString());
            properties.put("ssl.keystore.password", storePassword());
            properties.put("ssl.key.password", storePassword());
        }
        return properties;
    }

    private Map<String, Object> trustingClient(String protocol) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("bootstrap.servers", bootstrapServers(protocol));
        properties.put("security.protocol", protocol);
        properties.put("ssl.truststore.type", "PKCS12");
        properties.put("ssl.truststore.location", tlsDirectory().resolve("truststore.p12").toString());
        properties.put("ssl.truststore.password", storePassword());
        return properties;
    }

    private Path tlsDirectory() {
        Path brokerDirectory = directory;
        if (brokerDirectory == null) {
            throw new EmbeddedKafkaBrokerException("The broker has no TLS material yet: it writes it when it first "
                    + "starts. Call start() first.");
        }
        return brokerDirectory.resolve("tls");
    }

    private String storePassword() {
        String password = storePassword;
        if (password == null) {
            throw new IllegalStateException("prepare() must run before the TLS settings are read");
        }
        return password;
    }

    private CertificateAuthority authority() {
        CertificateAuthority ca = authority;
        if (ca == null) {
            throw new IllegalStateException("prepare() must run before a client certificate is issued");
        }
        return ca;
    }
}
