package org.nnet.diagram;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.nnet.diagram.DiagramLayout.Point;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * The positions of nodes the user moved in the diagram, kept in a side file beside the .nnet file
 * ({@code FILE.nnet.layout}, JSON: <code>{"version": 1, "pinned": {"LeNet5/c1": {"x": 40, "y": 60}}}</code>).
 * Positions are by node id, relative to the node's parent as drawn: the top left of its graph's area (title
 * included) or of its expanded group. Everything else is placed by ELK, so deleting the file loses nothing but
 * the arrangement. Pins of ids that are no longer in the model are ignored and dropped on the next write.
 *
 * @param pinned the pinned positions by node id (copied, unmodifiable)
 */
public record DiagramPins(Map<String, Point> pinned) {

	/** The version of the side file this class reads and writes. */
	public static final int VERSION = 1;
	/** No pins: the pure ELK layout. */
	public static final DiagramPins NONE = new DiagramPins(Map.of());

	private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

	/** Pins; the map is copied (sorted by id, so that the file is stable). */
	public DiagramPins {
		pinned = Collections.unmodifiableMap(new TreeMap<>(pinned));
	}

	/** The side file of a .nnet file: {@code FILE.nnet.layout} in the same folder. */
	public static Path fileOf(Path nnetFile) {
		return nnetFile.resolveSibling(nnetFile.getFileName() + ".layout");
	}

	/**
	 * Reads a side file. A missing file is no pins; a file that cannot be read, is not such JSON or has another
	 * version is no pins too, and {@code warnings} is told one line naming the file.
	 */
	public static DiagramPins read(Path file, Consumer<String> warnings) {
		String text;
		try {
			text = Files.readString(file, StandardCharsets.UTF_8);
		} catch (NoSuchFileException e) {
			return NONE;
		} catch (IOException e) {
			warnings.accept(file + ": the diagram's layout cannot be read (" + e.getMessage() + "); using the automatic layout");
			return NONE;
		}
		try {
			JsonObject root = JsonParser.parseString(text).getAsJsonObject();
			JsonElement version = root.get("version");
			if (version == null || !version.isJsonPrimitive() || version.getAsDouble() != VERSION) {
				warnings.accept(file + ": not a layout file of version " + VERSION + "; using the automatic layout");
				return NONE;
			}
			Map<String, Point> pins = new LinkedHashMap<>();
			JsonElement pinned = root.get("pinned");
			if (pinned != null && !pinned.isJsonNull()) {
				for (Map.Entry<String, JsonElement> e : pinned.getAsJsonObject().entrySet()) {
					JsonObject p = e.getValue().getAsJsonObject();
					double x = p.get("x").getAsDouble();
					double y = p.get("y").getAsDouble();
					if (!Double.isFinite(x) || !Double.isFinite(y)) {
						throw new JsonParseException("not a number");
					}
					pins.put(e.getKey(), new Point(x, y));
				}
			}
			return new DiagramPins(pins);
		} catch (RuntimeException e) { // JsonParseException, IllegalStateException, NullPointerException, NumberFormatException
			warnings.accept(file + ": the diagram's layout is malformed and is ignored (" + oneLine(e) + "); using the automatic layout");
			return NONE;
		}
	}

	private static String oneLine(RuntimeException e) {
		String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
		int nl = m.indexOf('\n');
		return nl < 0 ? m : m.substring(0, nl);
	}

	/**
	 * Writes the pins to a side file atomically (a temporary file in the same folder, then moved over it);
	 * with no pins the file is deleted.
	 */
	public void write(Path file) throws IOException {
		if (pinned.isEmpty()) {
			Files.deleteIfExists(file);
			return;
		}
		JsonObject pins = new JsonObject();
		pinned.forEach((id, p) -> {
			JsonObject o = new JsonObject();
			o.addProperty("x", round(p.x()));
			o.addProperty("y", round(p.y()));
			pins.add(id, o);
		});
		JsonObject root = new JsonObject();
		root.addProperty("version", VERSION);
		root.add("pinned", pins);
		Path folder = file.toAbsolutePath().getParent();
		Path temp = Files.createTempFile(folder, file.getFileName().toString(), ".tmp");
		try {
			Files.writeString(temp, GSON.toJson(root) + "\n", StandardCharsets.UTF_8);
			try {
				Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			} catch (AtomicMoveNotSupportedException e) {
				Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
			}
		} finally {
			Files.deleteIfExists(temp);
		}
	}

	/** Positions are kept to a tenth of a pixel (the file stays short). */
	private static Number round(double v) {
		double r = Math.round(v * 10) / 10.0;
		return r == Math.rint(r) ? (Number) (long) r : (Number) r;
	}

	/** Whether there are no pins. */
	public boolean isEmpty() {
		return pinned.isEmpty();
	}

	/** The pin of a node, or {@code null}. */
	public Point get(String id) {
		return pinned.get(id);
	}

	/** These pins and one more (or moved). */
	public DiagramPins with(String id, Point position) {
		Map<String, Point> m = new LinkedHashMap<>(pinned);
		m.put(id, position);
		return new DiagramPins(m);
	}

	/** These pins without those ids and without the ids of nodes inside them (their children). */
	public DiagramPins without(Set<String> ids) {
		Map<String, Point> m = new LinkedHashMap<>(pinned);
		m.keySet().removeIf(id -> ids.stream().anyMatch(gone -> id.equals(gone) || id.startsWith(gone + "/")));
		return new DiagramPins(m);
	}

	/** These pins with a node's id (and those of the nodes inside it) changed. */
	public DiagramPins renamed(String oldId, String newId) {
		Map<String, Point> m = new LinkedHashMap<>();
		pinned.forEach((id, p) -> m.put(id.equals(oldId) ? newId : id.startsWith(oldId + "/") ? newId + id.substring(oldId.length()) : id, p));
		return new DiagramPins(m);
	}

	/** Only the pins of these ids (the nodes the model still has). */
	public DiagramPins retain(Set<String> ids) {
		Map<String, Point> m = new LinkedHashMap<>(pinned);
		m.keySet().retainAll(ids);
		return new DiagramPins(m);
	}
}
