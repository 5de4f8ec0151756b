# stats_xcheck.R JOBS - R's own answer to each line of JOBS, written by
# tests/stats_xcheck.py from its independent per-account recomputation:
#   KEY km TIMES EVENTS            quantile(survfit(Surv(t, e) ~ 1), 0.5)
#   KEY lr TIMES EVENTS GROUPS     survdiff(Surv(t, e) ~ g): chisq, p
#   KEY wilson X,N                 prop.test(x, n, correct = FALSE)$conf.int
#   KEY prop2 X1,X2,N1,N2          prop.test(c(x1, x2), c(n1, n2),
#                                            correct = FALSE)$p.value
# Vectors are comma-separated; prints "KEY value..." per line, NA as NA.
suppressMessages(library(survival))
num <- function(s) as.numeric(strsplit(s, ",")[[1]])
fmt <- function(x) if (is.na(x)) "NA" else format(x, digits = 17)
for (l in readLines(commandArgs(TRUE)[1])) {
	p <- strsplit(l, " ")[[1]]
	out <- switch(p[2],
		km = {
			q <- quantile(survfit(Surv(num(p[3]), num(p[4])) ~ 1), 0.5)
			c(q$quantile, q$lower, q$upper)
		},
		lr = {
			s <- survdiff(Surv(num(p[3]), num(p[4])) ~ num(p[5]))
			c(s$chisq, pchisq(s$chisq, 1, lower.tail = FALSE))
		},
		wilson = {
			x <- num(p[3])
			if (x[2] == 0) c(NA, NA) else
				suppressWarnings(prop.test(x[1], x[2],
					correct = FALSE)$conf.int[1:2])
		},
		prop2 = {
			x <- num(p[3])
			suppressWarnings(prop.test(x[1:2], x[3:4],
				correct = FALSE)$p.value)
		})
	cat(p[1], sapply(out, fmt), "\n")
}
