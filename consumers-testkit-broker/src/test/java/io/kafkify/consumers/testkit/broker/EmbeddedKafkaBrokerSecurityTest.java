package io.kafkify.consumers.testkit.broker;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * What the security options refuse before any broker runs. What they do on a running broker is
 * proven end to end by consumers-infrastructure's Secured*IT, on one secured broker.
 */
class EmbeddedKafkaBrokerSecurityTest {

    @Test
    void rejects_scram_users_the_storage_format_cannot_hold_without_quoting_the_password() {
        assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().scramUser("a,b", "x\"y]").build())
                .hasMessageContaining("scramUser \"a,b\": a user name is letters, digits and ._- only")
                .hasMessageContaining("a password is letters, digits and ._~!@#$%^&*()+- only (the password is not shown)")
                .hasMessageNotContaining("x\"y]");
    }

    @Test
    void client_settings_wait_for_the_first_start_and_name_the_missing_listener() {
        EmbeddedKafkaBroker notStarted = EmbeddedKafkaBroker.builder().scramUser("alice", "secret").build();

        assertThatThrownBy(() -> notStarted.saslSslProperties("alice")).hasMessageContaining("Call start() first");
        assertThatThrownBy(notStarted::sslProperties).hasMessageContaining("Call start() first");
    }

    @Test
    void grants_need_a_broker_built_with_acls() {
        EmbeddedKafkaBroker open = EmbeddedKafkaBroker.builder().build();

        assertThatThrownBy(() -> open.grantTopicRead("alice", "orders"))
                .isInstanceOf(EmbeddedKafkaBrokerException.class)
                .hasMessageContaining("build it with EmbeddedKafkaBroker.builder().acls()");
    }
}
