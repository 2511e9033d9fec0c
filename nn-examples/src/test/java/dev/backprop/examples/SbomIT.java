package dev.backprop.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The command's software bill of materials (target/backprop-sbom.xml, CycloneDX, written at
 * {@code package}) lists exactly the libraries backprop.jar is built from (the runtime class path
 * that the shade plugin packs, written to target/command.classpath), each with the SHA-256 of that
 * very file and a licence; Spark, provided by a cluster, is not among them.
 */
class SbomIT {

    private static final Path TARGET = Path.of("target");

    @Test
    void listsEveryLibraryOfTheCommandsJarWithItsHashAndLicence() throws Exception {
        Path sbom = TARGET.resolve("backprop-sbom.xml");
        assumeFalse(!Files.exists(sbom) && "offline=true".equals(System.getProperty("maven.settings")),
                "the CycloneDX plugin writes no SBOM when Maven runs offline");
        Document document = DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder().parse(sbom.toFile());
        Element root = document.getDocumentElement();

        Element application = child(child(root, "metadata"), "component");
        assertEquals("application", application.getAttribute("type"));
        assertEquals("nn-examples", text(application, "name"));

        Map<String, String> listed = new TreeMap<>();
        for (Element component : children(child(root, "components"), "component")) {
            String purl = text(component, "purl");
            assertFalse(purl.contains("org.apache.spark"), "Spark is provided, not in the jar: " + purl);
            int classifierAt = purl.indexOf("classifier=");
            String classifier = classifierAt < 0 ? "" : "-" + purl.substring(classifierAt + 11).split("&")[0];
            String file = text(component, "name") + "-" + text(component, "version") + classifier + ".jar";
            assertFalse(children(child(component, "licenses"), "license").isEmpty(), "no licence for " + file);
            listed.put(file, sha256Of(component));
        }

        Map<String, String> packed = new TreeMap<>();
        String classPath = Files.readString(TARGET.resolve("command.classpath")).strip();
        for (String entry : classPath.split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            packed.put(jar.getFileName().toString(),
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(jar))));
        }
        assertTrue(packed.size() > 20, "the command's class path: " + packed.keySet());
        assertEquals(packed, listed);
    }

    private static String sha256Of(Element component) {
        for (Element hash : children(child(component, "hashes"), "hash")) {
            if (hash.getAttribute("alg").equals("SHA-256")) {
                return hash.getTextContent().strip();
            }
        }
        throw new AssertionError("no SHA-256 for " + text(component, "name"));
    }

    private static String text(Element parent, String name) {
        return child(parent, name).getTextContent().strip();
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        assertFalse(found.isEmpty(), "no <" + name + "> in <" + parent.getTagName() + ">");
        return found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }
}
