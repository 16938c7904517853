package cn.campaign.warehouse.config;

/**
 * Where the shared catalog lives: a PostgreSQL JDBC URL, with the user and password to sign in (empty: the URL or
 * PostgreSQL's own {@code ~/.pgpass} gives them). The password is never printed.
 */
public record SharedCatalogAddress(String url, String user, String password) {

    @Override
    public String toString() {
        // a password written into the URL's parameters stays out of messages and logs
        int parameters = url.indexOf('?');
        return parameters < 0 ? url : url.substring(0, parameters);
    }
}
