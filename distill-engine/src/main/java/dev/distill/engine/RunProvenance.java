package dev.distill.engine;

import dev.distill.annotations.Head;
import dev.distill.engine.data.TransferSet;
import dev.distill.engine.export.ExportResult;
import java.util.LinkedHashMap;
import java.util.Map;

/** The provenance the report records: the plan's (where the inputs came from) and what this run found and did. */
final class RunProvenance {

    private RunProvenance() {
    }

    static Map<String, String> of(DistillationPlan plan, Head head, TransferSet transfer, ExportResult export) {
        Map<String, String> provenance = new LinkedHashMap<>(plan.provenance());
        provenance.put(ProvenanceKeys.TEACHER_HEAD, head.name());
        provenance.put(ProvenanceKeys.TRANSFER_TEXTS, Integer.toString(transfer.train().size()));
        provenance.put(ProvenanceKeys.PARITY_MAX_ABS_LOGIT_DIFF, Double.toString(export.parityMaxDifference()));
        provenance.put(ProvenanceKeys.VOCABULARY_PRUNING, export.pruning().describe());
        provenance.put(ProvenanceKeys.VOCABULARY_BYTES_SAVED, Long.toString(export.pruning().bytesSaved()));
        provenance.put(ProvenanceKeys.QUANTIZATION, export.quantizer());
        for (int i = 0; i < export.quantizationFallbacks().size(); i++) {
            provenance.put(ProvenanceKeys.quantizationFallback(i + 1), export.quantizationFallbacks().get(i));
        }
        if (export.int8() != null) {
            provenance.put(ProvenanceKeys.INT8_AGREEMENT_WITH_FP32, Double.toString(export.int8().agreement()));
        }
        return provenance;
    }
}
