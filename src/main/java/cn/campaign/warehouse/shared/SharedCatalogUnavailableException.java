package cn.campaign.warehouse.shared;

/** The shared catalog could not be used; the message is a sentence for the operator. */
public final class SharedCatalogUnavailableException extends Exception {

    public SharedCatalogUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
