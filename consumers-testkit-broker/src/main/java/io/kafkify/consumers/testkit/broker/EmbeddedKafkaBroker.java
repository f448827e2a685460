package io.kafkify.consumers.testkit.broker;

import io.kafkify.consumers.domain.InvalidConfigurationException;
import io.kafkify.consumers.testkit.broker.internal.ServerProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.jspecify.annotations.Nullable;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one node) from
 * {@code org.apache.kafka:kafka_2.13}, run as a child process of the current JVM, for
 * integration and fault tests.
 *
 * <p>Because the broker is a separate process, a test can {@linkplain #kill() kill} it the way a
 * crash would, and {@linkplain #restart() restart} it on the same ports and the same data, so
 * that topics, records and committed offsets survive, just as with a real broker.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start()) {
 *     broker.createTopic("orders", 3);
 *     try (KafkaProducer<byte[], byte[]> producer = broker.newProducer()) { ... }
 * }
 * }</pre>
 *
 * <p>Tests that only need a broker share one per JVM with {@link #shared()}; tests that stop,
 * kill or restart the broker build their own.
 *
 * <p><b>How it starts.</b> On the first {@link #start()} the broker picks free ports on
 * 127.0.0.1 (the client listener {@code PLAINTEXT}, the {@code CONTROLLER} listener, and one per
 * secured listener), creates a temporary directory and writes {@code server.properties} there. Every start
 * launches {@code kafka.Kafka server.properties} in a child JVM run by this JVM's {@code java};
 * on the first start that JVM formats the storage first ({@code kafka-storage format
 * --standalone}), so that a first start pays for one JVM start-up, not two. The child runs with
 * this JVM's classpath, so {@code kafka_2.13} and its dependencies must be on it, as they are for
 * any module that depends on this one. {@code start()} returns once an {@link Admin} client's
 * {@code describeCluster} is answered. The child's standard output and error go to
 * {@link #logFile()}; if the broker does not start, the exception quotes the end of that log.
 * The child logs at INFO through its own minimal SLF4J binding, whatever binding the test
 * classpath has. The child watches this JVM and halts when it ends, even when it was killed.
 *
 * <p><b>Security.</b> Off by default. {@link Builder#scramUser(String, String)} adds a
 * {@code SASL_SSL} listener with SCRAM users, {@link Builder#tls()} and
 * {@link Builder#mutualTls()} an {@code SSL} listener, {@link Builder#acls()} the
 * {@code StandardAuthorizer}. Certificates come from a certificate authority made for the broker
 * on its first start, with JDK APIs. {@code PLAINTEXT} stays open, and a super user, for the
 * test's own admin, producer and topic creation; {@link #saslSslProperties(String)} and
 * {@link #sslProperties(String)} return the secured listeners' client settings, and the
 * {@code grant...} methods their ACLs.
 *
 * <p><b>Defaults.</b> Broker settings for a single node: {@code offsets.topic.replication.factor},
 * {@code transaction.state.log.replication.factor}, {@code transaction.state.log.min.isr} and the
 * share-group state topic's replication factor and min ISR all 1 (share groups work out of the
 * box: Kafka 4.4 enables them on a new cluster), with
 * {@code group.share.min.record.lock.duration.ms=1000} instead of 15 s, so that a test may give a
 * share group a short acquisition lock ({@link #configureGroup}), and share-group heartbeats every
 * 500 ms (assignments every 100 ms) instead of 5 s (1 s), so that a share consumer gets its first
 * records within a second rather than five;
 * {@code group.initial.rebalance.delay.ms=0}; {@code group.coordinator.append.linger.ms=0} (a
 * commit is written at once instead of after up to 5 ms, which caps a committing consumer);
 * {@code num.partitions=1}; {@code auto.create.topics.enable=false} (see
 * {@link Builder#autoCreateTopics(boolean)}); 5 partitions instead of 50 for the consumer-offsets,
 * transaction-state and share-group state topics, which the first group, transaction or share
 * group creates;
 * {@code broker.session.timeout.ms=3000} with {@code broker.heartbeat.interval.ms=500} instead
 * of 9 s and 2 s (see {@link #kill()}); and {@code log.cleaner.dedupe.buffer.size} of 16 MiB
 * instead of 128 MiB, which would take a quarter of the child's heap. The child JVM runs
 * with {@value #DEFAULT_MAX_HEAP}, G1 and {@code -XX:+ExitOnOutOfMemoryError}. Startup times out
 * after 60 s, a graceful stop after 30 s.
 *
 * <p><b>Threading.</b> All methods are thread-safe. The lifecycle methods ({@link #start()},
 * {@link #stop()}, {@link #kill()}, {@link #restart()}, {@link #close()}) are serialized on this
 * instance and block the calling thread until the broker is ready or gone, bounded by the
 * timeouts above. {@link #createTopic(String, int)} blocks until the topic is usable. The other
 * methods do not block.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    /** The child JVM's default maximum heap; a later {@code -Xmx} jvm option overrides it. */
    public static final String DEFAULT_MAX_HEAP = "-Xmx512m";

    private static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    private static @Nullable EmbeddedKafkaBroker shared; // guarded by EmbeddedKafkaBroker.class

    private final boolean isShared;
    private final boolean discardOnJvmExit;
    private final BrokerProcess process; // lifecycle calls under this
    private final BrokerSecurity security;
    private final Topics topics;
    private final Acls acls;

    private volatile boolean closed; // written under this

    private EmbeddedKafkaBroker(Builder builder, boolean isShared) {
        this.security = builder.security.copy();
        this.process = new BrokerProcess(builder.brokerProperties, builder.jvmOptions, builder.startupTimeout,
                builder.shutdownTimeout, Objects.requireNonNull(builder.classpath, "classpath"), security);
        this.topics = new Topics(process);
        this.acls = new Acls(process, security);
        this.isShared = isShared;
        this.discardOnJvmExit = isShared || builder.discardOnJvmExit;
    }

    /**
     * Returns a builder with the defaults listed on this class.
     *
     * @return a new builder; not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the broker shared by every test of this JVM, with the default settings, started on
     * the first call. Each call makes sure it runs: if something killed or stopped it, it is
     * started again on the same ports and data. A JVM shutdown hook kills it and deletes its
     * directory; its {@link #close()} does nothing, so a test may use it in try-with-resources
     * without ending it for the others.
     *
     * <p>Topics live as long as the broker, so tests sharing it should use distinct topic and
     * group names. Tests that stop, kill or restart a broker should build their own.
     *
     * <p>Thread-safe; the first call blocks while the broker starts (a few seconds).
     *
     * @return the running shared broker
     * @throws EmbeddedKafkaBrokerException if it does not start
     */
    public static synchronized EmbeddedKafkaBroker shared() {
        EmbeddedKafkaBroker broker = shared;
        if (broker == null) {
            broker = new EmbeddedKafkaBroker(builder(), true);
            shared = broker;
        }
        return broker.start();
    }

    /**
     * Starts the broker and waits until it answers clients. Does nothing if it runs already.
     * The first start picks the ports, creates the directory and formats the storage; a later
     * start (after {@link #stop()} or {@link #kill()}) reuses them, so data survives.
     *
     * <p>Blocks for up to the startup timeout (60 s by default); a first start takes a few
     * seconds.
     *
     * @return this broker, running
     * @throws EmbeddedKafkaBrokerException if this broker was closed, or the broker did not
     *     become ready in time (the child process is then killed, and the message quotes the end
     *     of its log)
     */
    public synchronized EmbeddedKafkaBroker start() {
        requireOpen("start");
        if (isRunning()) {
            return this;
        }
        if (!process.isPrepared()) {
            process.prepare();
            if (discardOnJvmExit) {
                ShutdownHook.register(this);
            }
        }
        process.start();
        return this;
    }

    /**
     * Stops the broker gracefully: sends it SIGTERM, so that it shuts down cleanly, and waits for
     * the process to end. If it has not ended within the shutdown timeout (30 s by default) it is
     * killed. Ports, directory and data are kept for a later {@link #start()}. Does nothing if
     * the broker does not run.
     *
     * <p>Blocks until the process has ended; a graceful stop takes about two seconds.
     *
     * @throws EmbeddedKafkaBrokerException if the process does not end even when killed, or the
     *     calling thread is interrupted (the process is then killed)
     */
    public synchronized void stop() {
        process.stop();
    }

    /**
     * Kills the broker process at once (SIGKILL), the way a crash would: nothing is shut down
     * cleanly, and what a client was doing fails or is retried. Ports, directory and data are
     * kept; a later {@link #start()} or {@link #restart()} recovers them, as Kafka recovers after
     * a crash. As in a real cluster, the restarted broker cannot register until the controller
     * has expired the crashed broker's session, so a start after a kill takes
     * {@code broker.session.timeout.ms} (3 s here) longer than one after {@link #stop()}. Does
     * nothing if the broker does not run.
     *
     * <p>Blocks until the process has ended (well under a second).
     *
     * @throws EmbeddedKafkaBrokerException if the process does not end in time, or the calling
     *     thread is interrupted
     */
    public synchronized void kill() {
        process.kill();
    }

    /**
     * Stops the broker gracefully if it runs, then starts it again on the same ports with the
     * same data: topics, records and committed offsets survive, and clients reconnect to the
     * same {@link #bootstrapServers()}. After {@link #kill()} this is the broker coming back from
     * a crash. A broker never started is simply started.
     *
     * <p>Blocks as {@link #stop()} and then {@link #start()} do.
     *
     * @return this broker, running
     * @throws EmbeddedKafkaBrokerException as {@link #stop()} and {@link #start()} do
     */
    public synchronized EmbeddedKafkaBroker restart() {
        requireOpen("restart");
        stop();
        return start();
    }

    /**
     * Whether the broker process is alive. It is from the moment {@link #start()} returns until
     * it is stopped or killed, or the process ends by itself. A live process is not always able
     * to serve: it is not while it shuts down.
     *
     * @return {@code true} if the broker process is alive
     */
    public boolean isRunning() {
        return process.isRunning();
    }

    /**
     * Returns the address clients connect to, {@code 127.0.0.1:<port>}. It stays the same across
     * {@link #stop()}, {@link #kill()} and {@link #restart()}.
     *
     * @return the value for the clients' {@code bootstrap.servers}
     * @throws EmbeddedKafkaBrokerException if the broker was never started, so has no port yet
     */
    public String bootstrapServers() {
        return process.bootstrapServers();
    }

    /**
     * Returns the file that receives the broker process's standard output and error, across
     * restarts. It is deleted by {@link #close()}.
     *
     * @return the broker's log file, which exists once the broker was started
     * @throws EmbeddedKafkaBrokerException if the broker was never started
     */
    public Path logFile() {
        return process.logFile();
    }

    /**
     * Creates a topic with replication factor 1 and waits until every partition has a leader,
     * so that producing and consuming work at once.
     *
     * @param name the topic's name
     * @param partitions how many partitions, at least 1
     * @throws EmbeddedKafkaBrokerException if the topic exists already, or is not usable within
     *     30 s
     * @see #createTopic(String, int, Map)
     */
    public void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /**
     * Creates a topic with replication factor 1 and the given topic configuration (for example
     * {@code cleanup.policy=compact}), and waits until every partition has a leader, so that
     * producing and consuming work at once.
     *
     * <p>Topics live as long as the broker; on the {@linkplain #shared() shared} broker give each
     * test its own topic names. Blocks for up to 30 s. Thread-safe.
     *
     * @param name the topic's name
     * @param partitions how many partitions, at least 1
     * @param configs topic configuration; may be empty
     * @throws EmbeddedKafkaBrokerException if the broker does not run, the topic exists already,
     *     or it is not usable within 30 s
     */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        topics.create(name, partitions, configs);
    }

    /**
     * Sets configurations of a consumer or share group, as {@code kafka-configs.sh --entity-type
     * groups --alter} does: for a share group {@code share.auto.offset.reset},
     * {@code share.record.lock.duration.ms}, {@code share.delivery.count.limit}, ... The group
     * need not exist yet. Blocks for up to 30 s. Thread-safe.
     *
     * @param groupId the group
     * @param configs the group configurations to set
     * @throws EmbeddedKafkaBrokerException if the broker refuses them (an unknown name, a value
     *     outside the broker's bounds) or does not answer
     */
    public void configureGroup(String groupId, Map<String, String> configs) {
        topics.configureGroup(groupId, configs);
    }

    /**
     * Sets where a share group starts reading partitions it has no state for yet: a new share
     * group starts at the end ({@code latest}), so a test that produces first sets {@code earliest}.
     *
     * @param groupId the share group
     * @param reset {@code earliest}, {@code latest} or {@code by_duration:<ISO-8601 duration>}
     * @throws EmbeddedKafkaBrokerException if the broker refuses it
     */
    public void shareAutoOffsetReset(String groupId, String reset) {
        configureGroup(groupId, Map.of("share.auto.offset.reset", Objects.requireNonNull(reset, "reset")));
    }

    /**
     * Returns client settings for an {@link Admin} of this broker: {@code bootstrap.servers}.
     *
     * @return a new, mutable map to which the caller may add settings
     * @throws EmbeddedKafkaBrokerException if the broker was never started
     */
    public Map<String, Object> adminProperties() {
        return ClientProperties.admin(bootstrapServers());
    }

    /**
     * Returns settings for a {@code KafkaProducer<byte[], byte[]>} of this broker:
     * {@code bootstrap.servers}, byte-array serializers and {@code acks=all}.
     *
     * @return a new, mutable map to which the caller may add settings
     * @throws EmbeddedKafkaBrokerException if the broker was never started
     */
    public Map<String, Object> producerProperties() {
        return ClientProperties.producer(bootstrapServers());
    }

    /**
     * Returns settings for a {@code KafkaConsumer<byte[], byte[]>} of this broker in a group:
     * {@code bootstrap.servers}, {@code group.id}, byte-array deserializers,
     * {@code auto.offset.reset=earliest} and {@code enable.auto.commit=false}.
     *
     * @param groupId the consumer group
     * @return a new, mutable map to which the caller may add settings
     * @throws EmbeddedKafkaBrokerException if the broker was never started
     */
    public Map<String, Object> consumerProperties(String groupId) {
        Objects.requireNonNull(groupId, "groupId");
        return ClientProperties.consumer(bootstrapServers(), groupId);
    }

    /**
     * Creates an {@link Admin} client of this broker, with {@link #adminProperties()}.
     *
     * @return a new client, which the caller closes
     * @throws EmbeddedKafkaBrokerException if the broker was never started
     */
    public Admin newAdmin() {
        return Admin.create(adminProperties());
    }

    /**
     * Creates a producer of this broker, with {@link #producerProperties()}.
     *
     * @return a new producer, which the caller closes
     * @throws EmbeddedKafkaBrokerException if the broker was never started
     */
    public KafkaProducer<byte[], byte[]> newProducer() {
        return new KafkaProducer<>(producerProperties());
    }

    /**
     * Creates a consumer of this broker in a group, with {@link #consumerProperties(String)}.
     *
     * @param groupId the consumer group
     * @return a new consumer, which the caller closes and uses from one thread
     * @throws EmbeddedKafkaBrokerException if the broker was never started
     */
    public KafkaConsumer<byte[], byte[]> newConsumer(String groupId) {
        return new KafkaConsumer<>(consumerProperties(groupId));
    }

    // ---------------------------------------------------------------- security

    /**
     * Returns the settings of a client that connects to the {@code SASL_SSL} listener as a SCRAM
     * user of this broker: {@code bootstrap.servers} (that listener's address),
     * {@code security.protocol=SASL_SSL}, {@code sasl.mechanism=SCRAM-SHA-512}, a
     * {@code sasl.jaas.config} with the user's name and password, and a trust store of the
     * broker's certificate authority ({@code ssl.truststore.*}), so that the client verifies the
     * broker's certificate and host name as in production. Hand them to a
     * {@code KafkaConsumerConfig} builder's {@code properties(...)}; set
     * {@code sasl.mechanism=SCRAM-SHA-256} to use the other mechanism.
     *
     * @param user a user given to {@link Builder#scramUser(String, String)}
     * @return a new, mutable map; it holds the password in clear
     * @throws EmbeddedKafkaBrokerException if the broker has no SASL_SSL listener, was never
     *     started, or has no such user
     */
    public Map<String, Object> saslSslProperties(String user) {
        String password = security.scramPassword(Objects.requireNonNull(user, "user"));
        if (password == null) {
            security.bootstrapServers(BrokerSecurity.SASL_SSL);
            throw new EmbeddedKafkaBrokerException("This broker has no SCRAM user \"" + user + "\": add it with "
                    + "Builder.scramUser(name, password), or pass a password to saslSslProperties(user, password).");
        }
        return security.saslSslClient(user, password);
    }

    /**
     * Returns the same settings as {@link #saslSslProperties(String)} with the given password,
     * which need not be the user's: for a test of what a consumer does with wrong credentials.
     *
     * @param user any user name
     * @param password any password
     * @return a new, mutable map; it holds the password in clear
     * @throws EmbeddedKafkaBrokerException if the broker has no SASL_SSL listener or was never started
     */
    public Map<String, Object> saslSslProperties(String user, String password) {
        return security.saslSslClient(Objects.requireNonNull(user, "user"), Objects.requireNonNull(password, "password"));
    }

    /**
     * Returns the settings of a client of the {@code SSL} listener that presents no certificate:
     * {@code bootstrap.servers} (that listener's address), {@code security.protocol=SSL} and a
     * trust store of the broker's certificate authority. A broker built with
     * {@link Builder#mutualTls()} refuses such a client; use {@link #sslProperties(String)}.
     *
     * @return a new, mutable map; it holds the trust store's password in clear
     * @throws EmbeddedKafkaBrokerException if the broker has no SSL listener or was never started
     */
    public Map<String, Object> sslProperties() {
        return security.sslClient(null);
    }

    /**
     * Returns the settings of a client of the {@code SSL} listener that authenticates with a
     * certificate: as {@link #sslProperties()}, plus a key store ({@code ssl.keystore.*},
     * {@code ssl.key.password}) holding a key and a certificate for {@code CN=<clientName>}
     * signed by the broker's certificate authority, issued on the first call for that name. The
     * broker maps that certificate to the principal {@code User:<clientName>}, the name the
     * {@code grant...} methods take.
     *
     * @param clientName the certificate's common name: letters, digits and {@code ._-}
     * @return a new, mutable map; it holds the stores' passwords in clear
     * @throws EmbeddedKafkaBrokerException if the broker has no SSL listener or was never started
     */
    public Map<String, Object> sslProperties(String clientName) {
        return security.sslClient(Objects.requireNonNull(clientName, "clientName"));
    }

    /**
     * Allows {@code User:<user>} to READ (and so to describe and fetch from) each topic, and
     * waits until the broker enforces it. A consumer also needs READ on its group
     * ({@link #grantGroupRead(String, String)}).
     *
     * <p>Blocks for up to 30 s. Thread-safe.
     *
     * @param user a SCRAM user or a TLS client name
     * @param topics the topics, at least one
     * @throws EmbeddedKafkaBrokerException if the broker was not built with {@link Builder#acls()}
     */
    public void grantTopicRead(String user, String... topics) {
        acls.allow(user, AclOperation.READ, ResourceType.TOPIC, List.of(topics));
    }

    /**
     * Allows {@code User:<user>} to WRITE to each topic (a dead-letter topic, say), and waits until
     * the broker enforces it. Blocks for up to 30 s. Thread-safe.
     *
     * @param user a SCRAM user or a TLS client name
     * @param topics the topics, at least one
     * @throws EmbeddedKafkaBrokerException if the broker was not built with {@link Builder#acls()}
     */
    public void grantTopicWrite(String user, String... topics) {
        acls.allow(user, AclOperation.WRITE, ResourceType.TOPIC, List.of(topics));
    }

    /**
     * Allows {@code User:<user>} to READ a consumer group (join it, commit its offsets), and
     * waits until the broker enforces it. Blocks for up to 30 s. Thread-safe.
     *
     * @param user a SCRAM user or a TLS client name
     * @param group the consumer group
     * @throws EmbeddedKafkaBrokerException if the broker was not built with {@link Builder#acls()}
     */
    public void grantGroupRead(String user, String group) {
        acls.allow(user, AclOperation.READ, ResourceType.GROUP, List.of(group));
    }

    /**
     * Kills the broker and deletes its directory, data and log included. It does not stop
     * gracefully first: the data is deleted anyway, and a graceful stop would cost seconds. A
     * closed broker cannot be started again. Closing twice does nothing. On the
     * {@linkplain #shared() shared} broker this does nothing: the shutdown hook ends it.
     *
     * <p>Blocks until the process has ended and the directory is deleted.
     */
    @Override
    public void close() {
        if (!isShared) {
            discard();
        }
    }

    @Override
    public String toString() {
        String state = closed ? "closed" : isRunning() ? "running" : !process.isPrepared() ? "not started" : "stopped";
        String servers = process.bootstrapServersIfKnown();
        return "EmbeddedKafkaBroker[" + (servers == null ? "no address" : servers) + ", " + state + "]";
    }

    private synchronized void discard() {
        if (closed) {
            return;
        }
        closed = true;
        if (discardOnJvmExit) {
            ShutdownHook.unregister(this);
        }
        topics.close();
        process.discard();
    }

    private void requireOpen(String action) {
        if (closed) {
            throw new EmbeddedKafkaBrokerException("Cannot " + action + " the broker at "
                    + process.bootstrapServersIfKnown()
                    + ": it was closed, and its data deleted. Build a new EmbeddedKafkaBroker.");
        }
    }

    /** Discards the brokers not yet closed when the JVM ends, so that no process or directory outlives it. */
    private static final class ShutdownHook {

        private static final Set<EmbeddedKafkaBroker> OPEN = ConcurrentHashMap.newKeySet();

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                for (EmbeddedKafkaBroker open : List.copyOf(OPEN)) {
                    open.discard();
                }
            }, "kafkify-embedded-broker-shutdown"));
        }

        private ShutdownHook() {
        }

        static void register(EmbeddedKafkaBroker broker) {
            OPEN.add(broker);
        }

        static void unregister(EmbeddedKafkaBroker broker) {
            OPEN.remove(broker);
        }
    }

    /**
     * Builds an {@link EmbeddedKafkaBroker}. Not thread-safe; build on one thread, then share the
     * broker.
     */
    public static final class Builder {

        private final Map<String, String> brokerProperties = new LinkedHashMap<>();
        private final List<String> jvmOptions = new ArrayList<>();
        private final BrokerSecurity security = new BrokerSecurity();
        private Duration startupTimeout = DEFAULT_STARTUP_TIMEOUT;
        private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
        private @Nullable String classpath = System.getProperty("java.class.path");
        private boolean discardOnJvmExit = true;

        private Builder() {
        }

        /**
         * Whether a JVM shutdown hook kills the broker and deletes its directory when the JVM
         * exits (default {@code true}). An application that stops its own consumers in a shutdown
         * hook (on Ctrl-C, say) turns it off and closes the broker itself afterwards, so that the
         * consumers can commit before the broker goes; the broker still halts by itself soon after
         * its parent JVM is gone. The {@linkplain EmbeddedKafkaBroker#shared() shared} broker
         * always has the hook.
         *
         * @param enabled {@code false} to close the broker yourself
         * @return this builder
         */
        public Builder discardOnJvmExit(boolean enabled) {
            this.discardOnJvmExit = enabled;
            return this;
        }

        /**
         * Whether the broker creates a topic when a client first uses it
         * ({@code auto.create.topics.enable}). Off by default: a test creates its topics with
         * {@link EmbeddedKafkaBroker#createTopic(String, int)}, which waits until they are usable,
         * and a misspelt topic name fails instead of silently creating a new topic.
         *
         * @param enabled {@code true} to let clients create topics
         * @return this builder
         */
        public Builder autoCreateTopics(boolean enabled) {
            brokerProperties.put("auto.create.topics.enable", String.valueOf(enabled));
            return this;
        }

        /**
         * Adds a SCRAM user, with credentials for both SCRAM-SHA-256 and SCRAM-SHA-512, written
         * into the broker's metadata when its storage is formatted (so it exists from the first
         * start, and across restarts). The first user adds a {@code SASL_SSL} listener on a port of
         * its own, with a certificate generated for 127.0.0.1 and localhost by a certificate
         * authority created for this broker; {@link EmbeddedKafkaBroker#saslSslProperties(String)}
         * returns a client's settings. The principal is {@code User:<name>}.
         *
         * @param name letters, digits and {@code ._-}
         * @param password letters, digits and {@code ._~!@#$%^&*()+-}
         * @return this builder
         */
        public Builder scramUser(String name, String password) {
            security.addScramUser(Objects.requireNonNull(name, "name"), Objects.requireNonNull(password, "password"));
            return this;
        }

        /**
         * Adds an {@code SSL} listener on a port of its own, with a certificate generated for
         * 127.0.0.1 and localhost by a certificate authority created for this broker (JDK APIs,
         * nothing else). Clients need to trust that authority, and present no certificate:
         * {@link EmbeddedKafkaBroker#sslProperties()}.
         *
         * @return this builder
         * @see #mutualTls()
         */
        public Builder tls() {
            security.tls(BrokerSecurity.Tls.SERVER_ONLY);
            return this;
        }

        /**
         * Adds an {@code SSL} listener, as {@link #tls()} does, that requires every client to present
         * a certificate of the broker's certificate authority ({@code ssl.client.auth=required}):
         * {@link EmbeddedKafkaBroker#sslProperties(String)} issues one. The principal of
         * {@code CN=billing} is {@code User:billing}.
         *
         * @return this builder
         */
        public Builder mutualTls() {
            security.tls(BrokerSecurity.Tls.MUTUAL);
            return this;
        }

        /**
         * Turns authorization on: Kafka's {@code StandardAuthorizer}, denying what no ACL allows.
         * The {@code PLAINTEXT} listener, which authenticates no one, stays a super user, so that
         * the test itself creates topics, produces and grants without credentials; the principals of
         * the secured listeners get only what {@link EmbeddedKafkaBroker#grantTopicRead},
         * {@link EmbeddedKafkaBroker#grantGroupRead} and {@link EmbeddedKafkaBroker#grantTopicWrite}
         * allow.
         *
         * @return this builder
         */
        public Builder acls() {
            security.acls();
            return this;
        }

        /**
         * Sets a broker setting of {@code server.properties}, applied after the defaults, so it
         * overrides them. Settings that define the node (roles, node id, listeners, controller
         * quorum, log directories) are managed by the broker and are rejected by {@link #build()}.
         *
         * @param name the setting, e.g. {@code log.retention.ms}
         * @param value its value
         * @return this builder
         */
        public Builder brokerProperty(String name, String value) {
            brokerProperties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Adds an option to the broker's JVM, after the defaults ({@value EmbeddedKafkaBroker#DEFAULT_MAX_HEAP}, G1,
         * {@code -XX:+ExitOnOutOfMemoryError}), so that, for example, {@code -Xmx1g} overrides the
         * heap. {@code -Dkafkify.broker.log.level=WARN} makes the broker log less;
         * {@code -XX:TieredStopAtLevel=1} makes it start about a second sooner, at the cost of
         * throughput, so not for benchmarks.
         *
         * @param option one JVM option, e.g. {@code -Xmx1g}
         * @return this builder
         */
        public Builder jvmOption(String option) {
            jvmOptions.add(Objects.requireNonNull(option, "option"));
            return this;
        }

        /**
         * How long {@link EmbeddedKafkaBroker#start()} waits for the broker to answer clients
         * before it kills the process and fails. 60 s by default.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * How long {@link EmbeddedKafkaBroker#stop()} waits for a graceful shutdown before it
         * kills the process. 30 s by default.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder shutdownTimeout(Duration timeout) {
            this.shutdownTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * The classpath of the broker's JVM. By default this JVM's {@code java.class.path},
         * which holds {@code kafka_2.13} when this module is a dependency. It must also hold this
         * module.
         *
         * @param classpath a classpath in the platform's format
         * @return this builder
         */
        public Builder classpath(String classpath) {
            this.classpath = Objects.requireNonNull(classpath, "classpath");
            return this;
        }

        /**
         * Builds a broker that is not started yet; {@link EmbeddedKafkaBroker#start()} starts it.
         *
         * @return a new broker
         * @throws InvalidConfigurationException listing every invalid setting
         */
        public EmbeddedKafkaBroker build() {
            List<String> violations = new ArrayList<>();
            for (Map.Entry<String, String> setting : brokerProperties.entrySet()) {
                if (ServerProperties.MANAGED.contains(setting.getKey())) {
                    violations.add("brokerProperty " + setting.getKey() + ": is set by EmbeddedKafkaBroker itself "
                            + "(one node on random ports of 127.0.0.1, in a temporary directory), was \""
                            + setting.getValue() + "\"");
                }
            }
            if (startupTimeout.isNegative() || startupTimeout.isZero()) {
                violations.add("startupTimeout: must be positive, was " + startupTimeout);
            }
            if (shutdownTimeout.isNegative() || shutdownTimeout.isZero()) {
                violations.add("shutdownTimeout: must be positive, was " + shutdownTimeout);
            }
            violations.addAll(security.violations());
            if (classpath == null || classpath.isBlank()) {
                violations.add("classpath: must hold kafka_2.13 and this module, was \"" + classpath + "\"");
            }
            if (!violations.isEmpty()) {
                throw new InvalidConfigurationException("EmbeddedKafkaBroker", violations);
            }
            return new EmbeddedKafkaBroker(this, false);
        }
    }
}
