package dev.nn4j.examples;

import dev.nn4j.io.ModelFile;
import dev.nn4j.nn.GraphModel;
import dev.nn4j.nn.Sequential;
import dev.nn4j.onnx.OnnxExport;
import dev.nn4j.tensor.Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code export}: writes a model saved by nn4j as an ONNX model for ONNX Runtime, PyTorch and other runtimes. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Writes a saved nn4j model as ONNX (opset " + OnnxExport.OPSET + ", dynamic batch dimension).")
final class ExportCommand implements Callable<Integer> {

    @Mixin
    BackendOption backend = new BackendOption();

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "A model saved with --save.")
    Path model;

    @Option(names = "--onnx", paramLabel = "OUT", required = true, description = "The ONNX file to write.")
    Path onnx;

    @Override
    public Integer call() throws Exception {
        Backend b = backend.resolve();
        try (GraphModel m = ModelFile.loadGraph(model, b, null)) {
            OnnxExport.save(m, onnx);
            boolean chain = m instanceof Sequential;
            System.out.printf(Locale.ROOT, "%s%nwritten to %s (%d bytes, ONNX opset %d, inputs %s, outputs %s)%n", m,
                    onnx.toAbsolutePath(), Files.size(onnx), OnnxExport.OPSET,
                    chain ? List.of(OnnxExport.INPUT) : m.inputNames(), chain ? List.of(OnnxExport.OUTPUT) : m.outputNames());
        }
        return 0;
    }
}
