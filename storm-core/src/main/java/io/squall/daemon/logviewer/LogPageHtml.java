package io.squall.daemon.logviewer;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The logviewer's plain HTML: a page of a log with links to the first, previous, next and last pages, the
 * download and a search box, and the index of the files. Everything from a file or a request is escaped.
 * Stateless.
 */
final class LogPageHtml {
    private LogPageHtml() {
    }

    /**
     * A page of {@code file}.
     *
     * @param endpoint  {@code log} or {@code daemonlog}, the endpoint the links go back to
     * @param download  {@code download} or {@code daemondownload}
     * @param pageBytes the page length the links ask for
     */
    static String page(String file, LogReader.Page page, String endpoint, String download, int pageBytes,
                       boolean daemon) {
        String f = url(file);
        String base = "/api/v1/" + endpoint + "?file=" + f + "&length=" + pageBytes;
        StringBuilder nav = new StringBuilder("<nav>");
        link(nav, "first", "First", page.start() > 0 ? base + "&start=0" : null);
        long prev = page.previousStart(pageBytes);
        link(nav, "prev", "Prev", prev >= 0 ? base + "&start=" + prev : null);
        long next = page.nextStart();
        link(nav, "next", "Next", next >= 0 ? base + "&start=" + next : null);
        link(nav, "last", "Last", base);
        link(nav, "download", "Download", "/api/v1/" + download + "?file=" + f);
        nav.append("<form action=\"/api/v1/search\" method=\"get\"><input type=\"hidden\" name=\"file\" value=\"")
                .append(esc(file)).append("\">")
                .append(daemon ? "<input type=\"hidden\" name=\"is-daemon\" value=\"yes\">" : "")
                .append("<input name=\"search-string\" placeholder=\"search\"> <button>Search</button></form></nav>");
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + esc(file) + "</title>" + STYLE
                + "</head><body><h1>" + esc(file) + "</h1><p class=\"muted\" id=\"range\">bytes " + page.start() + " to "
                + (page.start() + page.length()) + " of " + page.fileLength() + "</p>" + nav
                + "<pre id=\"log\">" + esc(page.text()) + "</pre>" + nav + "</body></html>";
    }

    /** The index: each worker log and daemon log, linked to its last page. */
    static String index(List<String> workerLogs, List<String> daemonLogs) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Logs</title>")
                .append(STYLE).append("</head><body><h1>Worker logs</h1><ul>");
        workerLogs.forEach(n -> b.append("<li><a href=\"/api/v1/log?file=").append(url(n)).append("\">")
                .append(esc(n)).append("</a></li>"));
        b.append(workerLogs.isEmpty() ? "<li class=\"muted\">none</li>" : "").append("</ul><h1>Daemon logs</h1><ul>");
        daemonLogs.forEach(n -> b.append("<li><a href=\"/api/v1/daemonlog?file=").append(url(n)).append("\">")
                .append(esc(n)).append("</a></li>"));
        return b.append(daemonLogs.isEmpty() ? "<li class=\"muted\">none</li>" : "").append("</ul></body></html>")
                .toString();
    }

    private static final String STYLE = "<style>body{font-family:sans-serif;margin:1em}pre{white-space:pre-wrap;"
            + "font-size:12px;background:#f6f8fa;padding:.5em}nav a,nav span{margin-right:1em}nav form{display:inline}"
            + ".muted{color:#6b7280}</style>";

    private static void link(StringBuilder nav, String id, String text, String href) {
        if (href == null) {
            nav.append("<span class=\"muted\">").append(text).append("</span>");
        } else {
            nav.append("<a class=\"").append(id).append("\" href=\"").append(esc(href)).append("\">").append(text)
                    .append("</a>");
        }
    }

    static String url(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
