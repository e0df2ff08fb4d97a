package dev.distill.maven;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The plugin descriptor that maven-plugin-plugin generated from the goals' annotations
 * ({@code target/classes/META-INF/maven/plugin.xml}), as Maven reads it: what a test compares with the code.
 */
final class GoalDescriptor {

    private GoalDescriptor() {
    }

    /** The expression of each parameter of {@code goal} that has one, by parameter name: {@code ${distill.skip}}. */
    static Map<String, String> expressions(String goal) throws IOException {
        Element mojo = mojo(goal);
        Map<String, String> expressions = new LinkedHashMap<>();
        Element configuration = child(mojo, "configuration");
        if (configuration == null) {
            return expressions;
        }
        NodeList parameters = configuration.getChildNodes();
        for (int i = 0; i < parameters.getLength(); i++) {
            if (parameters.item(i) instanceof Element parameter && !parameter.getTextContent().isBlank()) {
                expressions.put(parameter.getTagName(), parameter.getTextContent().trim());
            }
        }
        return expressions;
    }

    private static Element mojo(String goal) throws IOException {
        try (InputStream in = GoalDescriptor.class.getResourceAsStream("/META-INF/maven/plugin.xml")) {
            if (in == null) {
                throw new IOException("META-INF/maven/plugin.xml is not on the class path: maven-plugin-plugin's"
                        + " descriptor goal writes it at process-classes; build with mvn test, not the IDE alone");
            }
            NodeList mojos = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in)
                    .getElementsByTagName("mojo");
            for (int i = 0; i < mojos.getLength(); i++) {
                Element mojo = (Element) mojos.item(i);
                if (goal.equals(child(mojo, "goal").getTextContent().trim())) {
                    return mojo;
                }
            }
            throw new IOException("plugin.xml has no goal " + goal);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("cannot read plugin.xml: " + e.getMessage(), e);
        }
    }

    private static Element child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        return null;
    }
}
