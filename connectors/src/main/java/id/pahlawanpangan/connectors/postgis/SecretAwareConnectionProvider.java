package id.pahlawanpangan.connectors.postgis;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.datasource.connections.JdbcConnectionProvider;
import org.apache.flink.connector.jdbc.datasource.connections.SimpleJdbcConnectionProvider;

/**
 * The JDBC connector's connection provider, built where it runs: the password is read from its
 * {@code Secret} on the TaskManager instead of being serialized into the job graph.
 */
final class SecretAwareConnectionProvider implements JdbcConnectionProvider {
    private static final long serialVersionUID = 1L;

    private final PostgisConnection connection;
    private transient SimpleJdbcConnectionProvider delegate;

    SecretAwareConnectionProvider(PostgisConnection connection) {
        this.connection = connection;
    }

    private SimpleJdbcConnectionProvider delegate() {
        if (delegate == null) {
            JdbcConnectionOptions.JdbcConnectionOptionsBuilder options = new JdbcConnectionOptions.JdbcConnectionOptionsBuilder()
                    .withUrl(connection.url())
                    .withDriverName("org.postgresql.Driver")
                    .withConnectionCheckTimeoutSeconds(30);
            if (connection.user() != null) {
                options.withUsername(connection.user());
            }
            String password = connection.password().reveal();
            if (password != null) {
                options.withPassword(password);
            }
            delegate = new SimpleJdbcConnectionProvider(options.build());
        }
        return delegate;
    }

    @Override
    public Connection getConnection() {
        return delegate().getConnection();
    }

    @Override
    public Properties getProperties() {
        return delegate().getProperties();
    }

    @Override
    public boolean isConnectionValid() throws SQLException {
        return delegate().isConnectionValid();
    }

    @Override
    public Connection getOrEstablishConnection() throws SQLException, ClassNotFoundException {
        return delegate().getOrEstablishConnection();
    }

    @Override
    public void closeConnection() {
        if (delegate != null) {
            delegate.closeConnection();
        }
    }

    @Override
    public Connection reestablishConnection() throws SQLException, ClassNotFoundException {
        return delegate().reestablishConnection();
    }
}
