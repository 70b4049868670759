package org.nnet.diagram.ui;

import java.util.List;

import org.nnet.diagram.DiagramLayout;
import org.nnet.diagram.DiagramLayout.Box;
import org.nnet.diagram.DiagramLayout.PlacedGraph;
import org.nnet.diagram.DiagramLayout.Point;
import org.nnet.diagram.DiagramLayout.Route;
import org.nnet.diagram.DiagramModel.Node;
import org.nnet.diagram.SvgExport;

/**
 * The small HTML/JS client shown in the SWT Browser: the SVG of {@link SvgExport} with transparent hit areas
 * over nodes and edges (carrying their ids), a banner, and a few functions Java calls
 * ({@code nnetRender}, {@code nnetHighlight}, {@code nnetArm}). Clicks and the Delete key call back into
 * Java through browser functions ({@code nnetNodeClicked}, {@code nnetEdgeClicked}, {@code nnetDeleteKey}).
 * <p>
 * A stand-in for the GLSP web client, which is a later step: this one renders what the Java side laid out
 * and forwards gestures; all editing logic stays in Java.
 */
final class DiagramHtml {

	private DiagramHtml() {
	}

	/** The page loaded once; diagrams are then pushed into it with {@code nnetRender}. */
	static final String PAGE = """
			<!DOCTYPE html><html><head><meta charset="utf-8"><style>
			body{margin:0;background:#fff;font-family:'DejaVu Sans',sans-serif}
			#banner{display:none;position:fixed;top:0;left:0;right:0;z-index:2;background:#fff8c5;border-bottom:1px solid #d4a72c;
			 padding:6px 10px;font:12px 'DejaVu Sans Mono',monospace;color:#24292f}
			#diagram svg{display:block}
			.hit{cursor:pointer}
			.node{fill:transparent;stroke:none}
			.node:hover{stroke:#8c959f;stroke-width:1.5}
			.node.highlighted{stroke:#bf8700;stroke-width:3}
			.node.selected{stroke:#0969da;stroke-width:3}
			.edge{fill:none;stroke:transparent;stroke-width:12;cursor:default}
			body.armed .edge{cursor:copy}
			body.armed .edge:hover{stroke:rgba(9,105,218,.35)}
			</style></head><body><div id="banner"></div><div id="diagram"></div><script>
			var nnetSelected=null, nnetHighlighted=null;
			function nnetMark(cls,id){
			  document.querySelectorAll('.node.'+cls).forEach(function(e){e.classList.remove(cls);});
			  if(!id)return;
			  document.querySelectorAll('.node').forEach(function(e){if(e.getAttribute('data-id')===id)e.classList.add(cls);});
			}
			function nnetRender(svg,banner){
			  document.getElementById('diagram').innerHTML=svg;
			  var b=document.getElementById('banner');
			  b.textContent=banner||''; b.style.display=banner?'block':'none';
			  document.getElementById('diagram').style.paddingTop=banner?(b.offsetHeight+'px'):'0';
			  nnetMark('selected',nnetSelected); nnetMark('highlighted',nnetHighlighted);
			  return true;
			}
			function nnetSelect(id){nnetSelected=id; nnetMark('selected',id);}
			function nnetHighlight(id){
			  nnetHighlighted=id; nnetMark('highlighted',id);
			  var e=document.querySelector('.node.highlighted');
			  if(e&&e.scrollIntoView)e.scrollIntoView({block:'nearest',inline:'nearest'});
			}
			function nnetZoom(z){document.getElementById('diagram').style.zoom=z;}
			function nnetArm(kind){document.body.classList.toggle('armed',!!kind);}
			document.addEventListener('click',function(ev){
			  var t=ev.target.closest?ev.target.closest('.hit'):null;
			  if(!t)return;
			  if(t.classList.contains('node'))nnetNodeClicked(t.getAttribute('data-id'));
			  else nnetEdgeClicked(t.getAttribute('data-id'));
			});
			document.addEventListener('keydown',function(ev){
			  if(ev.key==='Delete'&&nnetSelected){ev.preventDefault();nnetDeleteKey(nnetSelected);}
			});
			</script></body></html>
			""";

	/** The SVG of a laid-out diagram with hit areas for nodes and edges added on top. */
	static String svg(DiagramLayout.Result result) {
		String svg = new SvgExport().toSvg(result);
		int start = svg.indexOf("<svg");
		int end = svg.lastIndexOf("</svg>");
		StringBuilder b = new StringBuilder(svg.substring(start, end));
		for (PlacedGraph g : result.graphs()) {
			String graph = escape(g.graph().name());
			for (Route r : g.routes()) {
				b.append("<polyline class=\"hit edge\" data-graph=\"").append(graph).append("\" data-id=\"")
						.append(escape(r.edge().id())).append("\" points=\"").append(points(r.route()))
						.append("\"><title>").append(escape(r.edge().label())).append("</title></polyline>\n");
			}
			for (Node n : g.graph().visibleNodes()) {
				Box box = g.nodes().get(n.id());
				if (box == null) {
					continue;
				}
				String title = n.errors().isEmpty() ? n.kindLine() + " → " + n.shape() : String.join("\n", n.errors());
				b.append("<rect class=\"hit node").append(n.errors().isEmpty() ? "" : " error").append(n.isGroup() ? " group" : "")
						.append("\" data-graph=\"").append(graph).append("\" data-id=\"").append(escape(n.id()))
						.append("\" x=\"").append(box.x()).append("\" y=\"").append(box.y()).append("\" width=\"")
						.append(box.width()).append("\" height=\"").append(n.expanded() ? DiagramLayout.GROUP_HEADER : box.height())
						.append("\" rx=\"4\"><title>").append(escape(title)).append("</title></rect>\n");
			}
		}
		return b.append("</svg>").toString();
	}

	private static String points(List<Point> points) {
		StringBuilder b = new StringBuilder();
		for (Point p : points) {
			b.append(p.x()).append(',').append(p.y()).append(' ');
		}
		return b.toString().trim();
	}

	/** A Java string as a JavaScript string literal. */
	static String js(String s) {
		if (s == null) {
			return "null";
		}
		StringBuilder b = new StringBuilder("'");
		for (char c : s.toCharArray()) {
			switch (c) {
			case '\'' -> b.append("\\'");
			case '\\' -> b.append("\\\\");
			case '\n' -> b.append("\\n");
			case '\r' -> b.append("\\r");
			case '<' -> b.append("\\x3c");
			case '\u2028' -> b.append("\\u2028");
			case '\u2029' -> b.append("\\u2029");
			default -> b.append(c < 0x20 ? ' ' : c);
			}
		}
		return b.append('\'').toString();
	}

	private static String escape(String s) {
		return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}
}
