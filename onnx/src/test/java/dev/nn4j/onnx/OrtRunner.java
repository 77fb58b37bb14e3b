package dev.nn4j.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;

/** Runs an ONNX model in ONNX Runtime's CPU provider: the reference the export tests compare against. */
final class OrtRunner {
    private OrtRunner() {
    }

    /** The flat float32 output of {@code model} for {@code input} of {@code shape} (batch first). */
    static float[] run(byte[] model, float[] input, long... shape) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(model, options);
                 OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape);
                 OrtSession.Result result = session.run(Map.of(OnnxExport.INPUT, x))) {
                OnnxTensor y = (OnnxTensor) result.get(0);
                FloatBuffer fb = y.getFloatBuffer();
                float[] out = new float[fb.remaining()];
                fb.get(out);
                return out;
            }
        }
    }
}
