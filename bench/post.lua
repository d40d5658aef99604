-- wrk: every request is a counting call (POST) from a new browser (no cookies are kept).
wrk.method = "POST"
