package dev.distill.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.distill.engine.student.Student;
import java.util.ArrayList;
import java.util.List;

/** A copy of a student's parameters (the best epoch's), to put back when training ends. */
final class ParameterSnapshot implements AutoCloseable {

    private final NDManager manager;
    private final List<Pair<Parameter, NDArray>> copies = new ArrayList<>();

    ParameterSnapshot(NDManager parent, Student student) {
        manager = parent.newSubManager();
        for (Pair<String, Parameter> pair : student.getParameters()) {
            NDArray copy = pair.getValue().getArray().duplicate();
            copy.attach(manager);
            copies.add(new Pair<>(pair.getValue(), copy));
        }
    }

    /** Writes the copied values back into the student's parameter arrays. */
    void restore() {
        for (Pair<Parameter, NDArray> copy : copies) {
            copy.getValue().copyTo(copy.getKey().getArray());
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
