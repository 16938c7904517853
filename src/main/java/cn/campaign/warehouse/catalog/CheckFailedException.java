package cn.campaign.warehouse.catalog;

/** A data check of {@code sql/checks} returned rows: the new state is not committed. */
public class CheckFailedException extends RuntimeException {

    public CheckFailedException(String message) {
        super(message);
    }
}
