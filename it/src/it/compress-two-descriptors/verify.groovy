// Two descriptors in one project, one binary (SST-2, labels 0/1) and one with four string labels (AG News): both
// students are distilled, packaged into the jar, beat the majority class of their dev set, are skipped as up to date
// by the second build, and the packaged application runs them.
import groovy.json.JsonSlurper
import java.util.concurrent.TimeUnit
import java.util.zip.ZipFile

// The least lead of a student's dev accuracy over always answering the dev set's most common label. Measured
// (seeds 1, 2, 3, 42): sentiment 70-75% against a majority of 52.5%, topics 72-79% against 28.7%; 0.10 is far
// from that noise yet fails a student that learned next to nothing.
final double MARGIN = 0.10
// Dev file, text column and label column of each descriptor, as its @Dataset says.
final Map<String, List<String>> DEV = [
        sentiment: ['data/sst2/dev.tsv', 'sentence', 'label'],
        topics   : ['data/agnews/dev.tsv', 'text', 'label'],
]
final Map<String, List<String>> LABELS = [sentiment: ['0', '1'], topics: ['World', 'Sports', 'Business', 'Sci/Tech']]
final List<String> STUDENT_FILES = ['config.json', 'model.onnx', 'tokenizer.json']

def log = new File(basedir, 'build.log').getText('UTF-8')
def json = new JsonSlurper()

// --- the students in the class output, with nothing left of their staging
def distill = new File(basedir, 'target/classes/META-INF/distill')
assert (distill.list() as Set) == ((['descriptors'] + DEV.keySet()) as Set) : "unexpected in ${distill}: ${distill.list()}"
def staging = []
distill.eachFileRecurse { if (it.name.startsWith('.')) staging << it }
assert staging.isEmpty() : "staging files left behind: ${staging}"
DEV.keySet().each { name ->
    def folder = new File(distill, name)
    STUDENT_FILES.each { file ->
        def f = new File(folder, file)
        assert f.isFile() && f.length() > 0 : "missing or empty: ${f}"
    }
}

// --- the labels of the four-class student
def topicsConfig = json.parse(new File(distill, 'topics/config.json'), 'UTF-8')
assert topicsConfig.id2label.size() == 4 : "topics id2label: ${topicsConfig.id2label}"
assert (topicsConfig.id2label.values() as Set) == (LABELS.topics as Set)

// --- both students inside the packaged jar
def jar = new File(basedir, 'target/compress-two-descriptors-1.0.jar')
assert jar.isFile() : "no jar: ${jar}"
new ZipFile(jar).withCloseable { zip ->
    DEV.keySet().each { name ->
        STUDENT_FILES.each { file ->
            def entry = zip.getEntry("META-INF/distill/${name}/${file}")
            assert entry != null && entry.size > 0 : "the jar lacks META-INF/distill/${name}/${file}"
        }
    }
}

// --- reports, and students that learned more than the majority class
/** Share of the most common gold label in a TSV file with a header line (the fields hold no tab). */
double majorityShare(File tsv, String labelColumn) {
    def lines = tsv.readLines('UTF-8').findAll { !it.isEmpty() }
    int column = lines[0].split('\t', -1).toList().indexOf(labelColumn)
    assert column >= 0 : "${tsv} has no column ${labelColumn}"
    def counts = lines.drop(1).countBy { it.split('\t', -1)[column] }
    return counts.values().max() / (double) (lines.size() - 1)
}

DEV.each { name, dev ->
    def reports = new File(basedir, "target/distill/${name}")
    assert new File(reports, 'report.html').isFile() : "no report.html for ${name}"
    def report = json.parse(new File(reports, 'report.json'), 'UTF-8')
    double majority = majorityShare(new File(basedir, dev[0]), dev[2])
    def students = report.models.findAll { it.role.startsWith('student') }
    assert students*.role.contains('student-int8') : "${name}: report.json models: ${report.models*.role}"
    students.each { student ->
        println "${name}: ${student.role} dev accuracy ${student.accuracy}, majority class ${majority}"
        assert student.accuracy >= majority + MARGIN :
                "${name}: ${student.role} dev accuracy ${student.accuracy} is not ${MARGIN} above the majority class ${majority}"
    }
}

// --- the first build trained both students, the second, with nothing changed, skipped them
DEV.keySet().each { name ->
    int trained = log.indexOf("distill: ${name}: int8 student ".toString())
    assert trained >= 0 : "the first build did not train ${name}"
    def line = ("distill: ${name} is up to date (no input changed since the last build);"
            + ' -Ddistill.force=true retrains').toString()
    assert log.indexOf(line, trained) > trained : "the second build did not skip ${name} as up to date"
}

// --- the packaged application classifies with both students
def texts = ['a gripping , beautifully acted film', 'the stock market fell sharply after the central bank raised rates']
def java = new File(System.getProperty('java.home'), 'bin/java').absolutePath
def classPath = "target/${jar.name}${File.pathSeparator}target/lib/*"
def command = ([java, '-Dai.djl.offline=true', '-cp', classPath, 'com.example.Main'] + texts)*.toString()
def builder = new ProcessBuilder(command).directory(basedir).redirectErrorStream(true)
builder.environment().put('OPT_OUT_TRACKING', 'true')
def process = builder.start()
def output = process.inputStream.getText('UTF-8')
assert process.waitFor(120, TimeUnit.SECONDS) : "the application did not finish: ${output}"
assert process.exitValue() == 0 : "the application exited with ${process.exitValue()}:\n${output}"
def lines = output.readLines().findAll { it ==~ /(sentiment|topics)\t.*/ }
println "application output:\n${lines.join('\n')}"
assert lines.size() == texts.size() * 2 : "expected one line per text and model:\n${output}"
texts.eachWithIndex { text, i ->
    ['sentiment', 'topics'].eachWithIndex { model, j ->
        def fields = lines[i * 2 + j].split('\t', 3)
        assert fields[0] == model && fields[2] == text : "unexpected line: ${lines[i * 2 + j]}"
        assert LABELS[model].contains(fields[1]) : "${model} answered ${fields[1]}, not one of ${LABELS[model]}"
    }
}
return true
