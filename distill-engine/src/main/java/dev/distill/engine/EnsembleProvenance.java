package dev.distill.engine;

import dev.distill.engine.data.TeacherSetup;
import dev.distill.engine.report.EnsembleMember;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * What the report and {@code config.json} record of an ensemble of teachers: each teacher's head, dev accuracy and
 * weight, and how the weights were found. Nothing for one teacher, whose records stay as they were.
 */
final class EnsembleProvenance {

    private EnsembleProvenance() {
    }

    /** The provenance entries: {@code teacher[i].head} and {@code teacher.weights}; empty for one teacher. */
    static Map<String, String> of(TeacherSetup.Prepared prepared) {
        Map<String, String> provenance = new LinkedHashMap<>();
        if (!prepared.ensemble()) {
            return provenance;
        }
        for (int i = 0; i < prepared.members().size(); i++) {
            provenance.put(ProvenanceKeys.teacherHead(i), prepared.members().get(i).head().name());
        }
        provenance.put(ProvenanceKeys.TEACHER_WEIGHTS, weights(prepared) + " (" + prepared.weighting().explanation()
                + ")");
        return provenance;
    }

    /** {@code teacher[0] (a) 0.6250, teacher[1] (b) 0.3750}. */
    static String weights(TeacherSetup.Prepared prepared) {
        StringJoiner joined = new StringJoiner(", ");
        double[] weights = prepared.weighting().weights();
        for (int i = 0; i < weights.length; i++) {
            joined.add(String.format(Locale.ROOT, "%s %.4f", prepared.members().get(i).name(), weights[i]));
        }
        return joined.toString();
    }

    /** The report's teachers of the ensemble; empty for one teacher. */
    static List<EnsembleMember> members(TeacherSetup.Prepared prepared) {
        List<EnsembleMember> members = new ArrayList<>();
        if (prepared.ensemble()) {
            double[] weights = prepared.weighting().weights();
            for (int i = 0; i < weights.length; i++) {
                TeacherSetup.Member member = prepared.members().get(i);
                members.add(new EnsembleMember(member.name(), member.head().name(), member.devAccuracy(), weights[i]));
            }
        }
        return members;
    }
}
