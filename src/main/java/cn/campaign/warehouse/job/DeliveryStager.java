package cn.campaign.warehouse.job;

import cn.campaign.warehouse.ingest.DeliveryProcessor;
import cn.campaign.warehouse.ingest.DeliveryRecord;
import cn.campaign.warehouse.ingest.InboxFile;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/** A staging partition's processor: each inbox file staged as the contract says, its outcome returned (step-scoped). */
public class DeliveryStager implements ItemProcessor<InboxFile, DeliveryRecord> {

    private final DeliveryProcessor processor;

    DeliveryStager(DeliveryProcessor processor) {
        this.processor = processor;
    }

    @Override
    public DeliveryRecord process(InboxFile file) throws Exception {
        return processor.process(file);
    }
}
