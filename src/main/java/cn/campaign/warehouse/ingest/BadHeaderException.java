package cn.campaign.warehouse.ingest;

/** A CSV header that lacks a required column of its entity. */
public class BadHeaderException extends Exception {

    public BadHeaderException(String message) {
        super(message);
    }
}
