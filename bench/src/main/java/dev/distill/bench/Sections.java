package dev.distill.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns the measured rows into the results file's sections, with every ratio computed from its parts. */
final class Sections {

    /** The inference figures compared with the teacher's. */
    static final List<String> INFERENCE_FIGURES = List.of("latencyP50Ms", "latencyP99Ms", "batch32TextsPerSecond",
            "loadMs", "rssAfterLoadMiB", "rssLoadDeltaMiB");

    private static final List<String> QUALITY_KEYS = List.of("student", "alpha", "fp32Accuracy", "int8Accuracy",
            "retention", "int8AgreementWithFp32", "bestEpoch", "epochsRun", "transferTexts", "trainTextsPerSecond", "wallSeconds", "peakRssMiB",
            "stageSeconds");

    private Sections() {
    }

    static Map<String, Object> quality(List<Map<String, Object>> rows) {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("teacherAccuracy", rows.get(0).get("teacherAccuracy"));
        q.put("retention", "int8 student accuracy / teacher accuracy, both on the dev set");
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            Map<String, Object> r = new LinkedHashMap<>();
            QUALITY_KEYS.forEach(k -> r.put(k, row.get(k)));
            r.put("loss", (double) row.get("alpha") > 0 ? "KD" : "hard labels");
            out.add(r);
        }
        q.put("rows", out);
        return q;
    }

    static Map<String, Object> inference(List<Map<String, Object>> models) {
        for (Map<String, Object> m : models) {
            Map<String, Object> teacher = models.stream()
                    .filter(t -> "teacher".equals(t.get("role")) && t.get("threads").equals(m.get("threads")))
                    .findFirst().orElseThrow();
            Map<String, Object> ratios = new LinkedHashMap<>();
            for (String figure : INFERENCE_FIGURES) {
                ratios.put(figure, number(m, figure) / number(teacher, figure));
            }
            m.put("ratioToTeacher", ratios);
        }
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("method", "each model alone in a fresh JVM per thread count, through"
                + " dev.distill.runtime.TextClassifier on the dev texts; latency: one pass of single-text predict calls"
                + " after " + InferenceProbe.WARMUP + " warm-up calls (p50/p99 over all texts); throughput: median of "
                + InferenceProbe.RUNS + " passes of predictBatch at batch " + InferenceProbe.BATCH + "; load: median of "
                + InferenceProbe.RUNS + " loads (the first includes ONNX Runtime's start-up); memory: VmRSS just before"
                + " and just after the first load; ratioToTeacher = student figure / teacher figure");
        section.put("models", models);
        return section;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> training(List<Map<String, Object>> kdRows, Map<String, Object> peer) {
        Map<String, Object> section = new LinkedHashMap<>();
        Map<String, Object> peerMeta = new LinkedHashMap<>(peer);
        Map<String, Map<String, Object>> perArchitecture =
                (Map<String, Map<String, Object>>) peerMeta.remove("architectures");
        section.put("peer", peerMeta);
        section.put("method", "ours: the engine's training texts/s (mean over the epochs of the KD build, dev"
                + " evaluation excluded); peer: bench/peer/train_peer.py, the same network, loss, optimizer, batch size"
                + " and token-id batches (the engine's own length-bucketed batches of the first epoch), timed after its"
                + " warm-up batches");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> kd : kdRows) {
            Map<String, Object> r = new LinkedHashMap<>();
            String student = (String) kd.get("student");
            r.put("student", student);
            r.put("oursTextsPerSecond", kd.get("trainTextsPerSecond"));
            if (perArchitecture != null && perArchitecture.containsKey(student)) {
                double peerSpeed = number(perArchitecture.get(student), "textsPerSecond");
                r.put("peerTextsPerSecond", peerSpeed);
                r.put("peerTimedTexts", perArchitecture.get(student).get("texts"));
                r.put("oursOverPeer", number(kd, "trainTextsPerSecond") / peerSpeed);
            }
            rows.add(r);
        }
        section.put("rows", rows);
        return section;
    }

    static Map<String, Object> build(Map<String, Object> firstRow) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("what", "the distill step of a build (EngineMain in a forked JVM, as distill:compress forks it) of"
                + " the bench's SST-2 descriptor, KD, starting from an empty soft-target cache");
        b.put("student", firstRow.get("student"));
        b.put("alpha", firstRow.get("alpha"));
        b.put("wallSeconds", firstRow.get("wallSeconds"));
        b.put("peakRssMiB", firstRow.get("peakRssMiB"));
        b.put("peakRssMethod", "VmHWM of the forked JVM, polled every " + MeasuredProcess.POLL_MILLIS + " ms until it exits");
        b.put("stageSeconds", firstRow.get("stageSeconds"));
        return b;
    }

    static Map<String, Object> size(List<Map<String, Object>> kdRows) {
        Map<String, Object> s = new LinkedHashMap<>();
        double teacher = number(kdRows.get(0), "teacherBytes");
        s.put("teacherBytes", kdRows.get(0).get("teacherBytes"));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> kd : kdRows) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("student", kd.get("student"));
            for (String key : List.of("fp32Bytes", "int8Bytes", "int8PrunedBytes")) {
                r.put(key, kd.get(key));
                r.put(key.replace("Bytes", "") + "TeacherOverStudent", teacher / number(kd, key));
            }
            rows.add(r);
        }
        s.put("rows", rows);
        return s;
    }

    static double number(Map<String, ?> map, String key) {
        Object v = map.get(key);
        if (!(v instanceof Number n)) {
            throw new IllegalStateException("no figure " + key + " in " + map);
        }
        return n.doubleValue();
    }
}
