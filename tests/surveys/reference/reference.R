# Reference values for the survey estimation engine, computed with R's survey
# package (Lumley).  Reads responses.csv, population_cells.csv and
# population_margins.csv beside this script and writes reference_values.csv.gz,
# reference_weights.csv and reference_quantiles.csv.
#
#   Rscript tests/surveys/reference/reference.R
#
# Needs r-base-core and r-cran-survey (Debian).  The Python tests compare with
# the committed output and do not need R.
#
# Deliberate settings (see the Python code for why):
# * rake() is run to convergence (maxit 1000, epsilon 1e-14) instead of its
#   default epsilon = 1 person;
# * svyciprop() gets the design restricted to the domain's valid answers, so
#   its degrees of freedom are valid answers minus strata with answers;
# * svyciprop(method = "xlogit") is written beside "logit": the same interval
#   without the logistic fit, which diverges in a few small domains;
# * cells are collapsed by the rule in weights.py, implemented again below.

suppressPackageStartupMessages(library(survey))
options(survey.lonely.psu = "fail")

args <- commandArgs(trailingOnly = FALSE)
script <- sub("^--file=", "", args[grep("^--file=", args)])
here <- if (length(script)) dirname(normalizePath(script)) else getwd()
setwd(here)

MIN_CELL <- 10
AGES <- c("16-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75-85")
SEXES <- c("kvinna", "man")
LPO <- c("2380" = "Östersund", "2305" = "Östersund", "2303" = "Östersund",
         "2309" = "Jämtland/Härjedalen", "2361" = "Jämtland/Härjedalen")
SCORES <- c("1" = 0, "2" = 2, "3" = 4, "4" = 6)
num <- function(x) sprintf("%.17g", x)

d <- read.csv("responses.csv", colClasses = "character", check.names = FALSE, encoding = "UTF-8")
names(d) <- sub("\\(.*\\)$", "", names(d))
d$line <- seq_len(nrow(d)) + 1
d$stratum <- paste(d$municipality, d$year)
cells <- read.csv("population_cells.csv", colClasses = c(rep("character", 4), "numeric"))
margins <- read.csv("population_margins.csv", colClasses = c(rep("character", 4), "numeric"))
cells$stratum <- paste(cells$municipality, cells$year)
margins$stratum <- paste(margins$municipality, margins$year)

# The collapsing rule of weights.py: merge the smallest group (youngest on
# ties) with its adjacent group that has fewer respondents (younger on ties).
collapse <- function(sizes, present) {
  groups <- as.list(which(present))
  totals <- sizes[present]
  while (length(groups) > 1 && min(totals) < MIN_CELL) {
    s <- which(totals == min(totals))[1]
    if (s == 1) nb <- 2 else if (s == length(groups)) nb <- s - 1 else
      nb <- if (totals[s - 1] <= totals[s + 1]) s - 1 else s + 1
    a <- min(s, nb); b <- max(s, nb)
    groups[[a]] <- c(groups[[a]], groups[[b]]); groups[[b]] <- NULL
    totals[a] <- totals[a] + totals[b]; totals <- totals[-b]
  }
  groups
}

d$N <- NA_real_
d$pscell <- NA_character_
d$rakeage <- NA_character_
d$rakesex <- NA_character_
ps_pop <- data.frame(pscell = character(0), Freq = numeric(0))
age_pop <- data.frame(rakeage = character(0), Freq = numeric(0))
sex_pop <- data.frame(rakesex = character(0), Freq = numeric(0))
for (h in unique(d$stratum)) {
  rows <- d$stratum == h
  pc <- cells[cells$stratum == h, ]
  d$N[rows] <- sum(pc$population)
  n <- sapply(SEXES, function(s) sapply(AGES, function(a) sum(rows & d$age_group == a & d$sex == s)))
  pop <- sapply(SEXES, function(s) sapply(AGES, function(a) pc$population[pc$age_group == a & pc$sex == s]))
  # Post-stratification cells.
  groups <- lapply(1:2, function(s) collapse(n[, s], n[, s] > 0 | pop[, s] > 0))
  small <- any(sapply(1:2, function(s) length(groups[[s]]) > 0 && sum(n[unlist(groups[[s]]), s]) < MIN_CELL))
  if (small) {
    d$pscell[rows] <- paste(h, "all")
    ps_pop <- rbind(ps_pop, data.frame(pscell = paste(h, "all"), Freq = sum(pop)))
  } else {
    for (s in 1:2) for (g in groups[[s]]) {
      label <- paste(h, SEXES[s], paste(AGES[g], collapse = "+"))
      d$pscell[rows & d$sex == SEXES[s] & d$age_group %in% AGES[g]] <- label
      ps_pop <- rbind(ps_pop, data.frame(pscell = label, Freq = sum(pop[g, s])))
    }
  }
  # Raking margins.
  pm <- margins[margins$stratum == h, ]
  age_margin <- sapply(AGES, function(a) pm$population[pm$age_group == a & pm$sex == ""])
  sex_margin <- sapply(SEXES, function(s) pm$population[pm$sex == s & pm$age_group == ""])
  age_n <- rowSums(n)
  for (g in collapse(age_n, age_n > 0 | age_margin > 0)) {
    label <- paste(h, paste(AGES[g], collapse = "+"))
    d$rakeage[rows & d$age_group %in% AGES[g]] <- label
    age_pop <- rbind(age_pop, data.frame(rakeage = label, Freq = sum(age_margin[g])))
  }
  sex_n <- colSums(n)
  if (any(sex_n < MIN_CELL)) {
    d$rakesex[rows] <- paste(h, "alla")
    sex_pop <- rbind(sex_pop, data.frame(rakesex = paste(h, "alla"), Freq = sum(sex_margin)))
  } else {
    for (s in 1:2) {
      d$rakesex[rows & d$sex == SEXES[s]] <- paste(h, SEXES[s])
      sex_pop <- rbind(sex_pop, data.frame(rakesex = paste(h, SEXES[s]), Freq = sex_margin[s]))
    }
  }
}

base <- svydesign(ids = ~1, strata = ~stratum, fpc = ~N, data = d)
designs <- list(
  cells = postStratify(base, ~pscell, ps_pop),
  margins = rake(base, list(~rakeage, ~rakesex), list(age_pop, sex_pop),
                 control = list(maxit = 1000, epsilon = 1e-14))
)

write.csv(data.frame(line = d$line, cells = num(weights(designs$cells)), margins = num(weights(designs$margins))),
          "reference_weights.csv", row.names = FALSE, quote = FALSE)

# Groupings: area code and domain per respondent for each level.
groupings <- list(
  municipality = data.frame(area = d$municipality, domain = ""),
  subarea = data.frame(area = ifelse(d$subarea == "", NA, d$municipality), domain = d$subarea),
  lpo = data.frame(area = unname(LPO[d$municipality]), domain = ""),
  county = data.frame(area = substr(d$municipality, 1, 2), domain = "")
)

problem_items <- c("nedskrapning", "klotter", "bilar_fort", "narkotika")
share_items <- list(
  nedskrapning = c("1", "2", "3", "4"), klotter = c("1", "2", "3", "4"),
  bilar_fort = c("1", "2", "3", "4"), narkotika = c("1", "2", "3", "4"),
  trygg_kvall = c("mycket_trygg", "ganska_trygg", "ganska_otrygg", "mycket_otrygg", "gar_inte_ut"),
  oro = c("inbrott", "overfall", "bilbrand", "bedrageri"),
  undviker = c("ja", "nej"), utsatt_vald = c("ja", "nej"), utsatt_stold = c("ja", "nej"),
  utsatt_skadegorelse = c("ja", "nej"), anmalt = c("ja", "nej")
)
column <- function(kind, item) d[[paste0(kind, ":", item)]]
kind_of <- function(item) {
  if (item %in% problem_items) "problem" else if (item == "trygg_kvall") "single" else
    if (item == "oro") "multi" else "yesno"
}
victim <- column("yesno", "utsatt_vald") == "ja" | column("yesno", "utsatt_stold") == "ja" |
  column("yesno", "utsatt_skadegorelse") == "ja"
all_victim_answered <- sapply(c("utsatt_vald", "utsatt_stold", "utsatt_skadegorelse"),
                              function(i) column("yesno", i) %in% c("ja", "nej"))
indicators <- list(
  trygg_ute_sent = list(y = column("single", "trygg_kvall") %in% c("mycket_trygg", "ganska_trygg"),
                        valid = column("single", "trygg_kvall") %in% share_items$trygg_kvall, among = TRUE),
  otrygg_ute_sent = list(y = column("single", "trygg_kvall") %in% c("ganska_otrygg", "mycket_otrygg"),
                         valid = column("single", "trygg_kvall") %in% share_items$trygg_kvall, among = TRUE),
  undviker_platser = list(y = column("yesno", "undviker") == "ja",
                          valid = column("yesno", "undviker") %in% c("ja", "nej"), among = TRUE),
  utsatt_brott = list(y = victim, valid = victim | apply(all_victim_answered, 1, all), among = TRUE),
  anmalningsgrad = list(y = column("yesno", "anmalt") == "ja",
                        valid = column("yesno", "anmalt") %in% c("ja", "nej"), among = victim)
)

out <- list()
add <- function(...) out[[length(out) + 1]] <<- data.frame(..., stringsAsFactors = FALSE)

share_row <- function(des, dom, x, valid) {
  # x: 0/1 with NA where not valid; dom: logical domain.
  dd <- des
  dd$variables$x <- x
  m <- svymean(~x, subset(dd, dom), na.rm = TRUE)
  sub <- subset(dd, dom & valid)
  ci <- confint(svyciprop(~I(x == 1), sub, method = "logit"))
  # The same logit interval from svymean + svycontrast, without svyglm, whose
  # fit can run off (coefficient -3e15) in small domains with zero weights.
  xci <- confint(svyciprop(~I(x == 1), sub, method = "xlogit", na.rm = TRUE))
  list(estimate = unname(coef(m)), se = unname(SE(m)), low = ci[1], high = ci[2], df = degf(sub),
       xlow = xci[1], xhigh = xci[2])
}

mean_row <- function(des, dom, x, valid) {
  dd <- des
  dd$variables$x <- x
  m <- svymean(~x, subset(dd, dom), na.rm = TRUE)
  df <- degf(subset(dd, dom & valid))
  ci <- pmin(pmax(confint(m, df = df), 0), 6)
  list(estimate = unname(coef(m)), se = unname(SE(m)), low = ci[1], high = ci[2], df = df)
}

for (scenario in names(designs)) {
  des <- designs[[scenario]]
  for (level in names(groupings)) {
    g <- groupings[[level]]
    keys <- unique(data.frame(area = g$area, year = d$year, domain = g$domain)[!is.na(g$area), ])
    for (k in seq_len(nrow(keys))) {
      key <- keys[k, ]
      dom <- !is.na(g$area) & g$area == key$area & d$year == key$year & g$domain == key$domain
      emit <- function(item, kind, option, r) add(scenario = scenario, level = level, area = key$area,
        year = key$year, domain = key$domain, item = item, kind = kind, option = option,
        estimate = num(r$estimate), se = num(r$se), ci_low = num(r$low), ci_high = num(r$high), df = r$df,
        xlogit_ci_low = if (is.null(r$xlow)) "" else num(r$xlow),
        xlogit_ci_high = if (is.null(r$xhigh)) "" else num(r$xhigh))
      for (item in names(share_items)) {
        kind <- kind_of(item)
        values <- column(kind, item)
        valid <- values != "" & values != "vet_ej"
        for (option in share_items[[item]]) {
          if (kind == "multi") {
            hit <- sapply(strsplit(values, ";"), function(t) option %in% t)
          } else {
            hit <- values == option
          }
          emit(item, "share", option, share_row(des, dom, ifelse(valid, as.numeric(hit), NA), valid))
        }
        if (kind == "problem") {
          emit(item, "index", "", mean_row(des, dom, ifelse(valid, SCORES[values], NA), valid))
        }
      }
      # Total problem index: the mean of the item ratios (svyratio + svycontrast).
      dd <- des
      any_valid <- rep(FALSE, nrow(d))
      for (j in seq_along(problem_items)) {
        values <- column("problem", problem_items[j])
        valid <- values %in% names(SCORES)
        any_valid <- any_valid | valid
        dd$variables[[paste0("num", j)]] <- ifelse(valid & dom, SCORES[values], 0)
        dd$variables[[paste0("den", j)]] <- as.numeric(valid & dom)
      }
      J <- length(problem_items)
      r <- svyratio(as.formula(paste("~", paste0("num", 1:J, collapse = "+"))),
                    as.formula(paste("~", paste0("den", 1:J, collapse = "+"))), dd, covmat = TRUE)
      total <- svycontrast(r, setNames(rep(1 / J, J), paste0("num", 1:J, "/den", 1:J)))
      df <- degf(subset(dd, dom & any_valid))
      ci <- pmin(pmax(confint(total, df = df), 0), 6)
      emit("problem_index_total", "index", "",
           list(estimate = unname(coef(total)), se = unname(SE(total)), low = ci[1], high = ci[2], df = df))
      for (name in names(indicators)) {
        ind <- indicators[[name]]
        emit(name, "indicator", "ja", share_row(des, dom & ind$among, ifelse(ind$valid, as.numeric(ind$y), NA),
                                             ind$valid))
      }
    }
  }
  # Year-on-year change for municipalities: contrast of the two year domains.
  for (area in unique(d$municipality)) {
    for (item in names(share_items)) {
      kind <- kind_of(item)
      values <- column(kind, item)
      valid <- values != "" & values != "vet_ej"
      variables <- list()
      for (option in share_items[[item]]) {
        hit <- if (kind == "multi") sapply(strsplit(values, ";"), function(t) option %in% t) else values == option
        variables[[option]] <- list(kind = "share", x = ifelse(valid, as.numeric(hit), NA))
      }
      if (kind == "problem") variables[["index"]] <- list(kind = "index", x = ifelse(valid, SCORES[values], NA))
      for (option in names(variables)) {
        # Ratios of the two year domains in one design (svyratio + svycontrast).
        dd <- des
        x <- variables[[option]]$x
        dom <- d$municipality == area
        for (y in c("2023", "2024")) {
          dd$variables[[paste0("num", y)]] <- ifelse(dom & d$year == y & !is.na(x), x, 0)
          dd$variables[[paste0("den", y)]] <- as.numeric(dom & d$year == y & !is.na(x))
        }
        r <- svyratio(~num2023 + num2024, ~den2023 + den2024, dd, covmat = TRUE)
        change <- svycontrast(r, c("num2023/den2023" = -1, "num2024/den2024" = 1))
        df <- degf(subset(dd, dom & !is.na(x)))
        ci <- confint(change, df = df)
        add(scenario = scenario, level = "municipality", area = area, year = "2024", domain = "", item = item,
            kind = paste0("change_", variables[[option]]$kind),
            option = if (option == "index") "" else option,
            estimate = num(coef(change)), se = num(SE(change)), ci_low = num(ci[1]), ci_high = num(ci[2]), df = df,
            xlogit_ci_low = "", xlogit_ci_high = "")
      }
    }
  }
}

# Compressed to keep the committed reference small.
connection <- gzfile("reference_values.csv.gz", "w", encoding = "UTF-8")
write.csv(do.call(rbind, out), connection, row.names = FALSE, quote = TRUE)
close(connection)

dfs <- c(1, 2, 3, 4, 5, 7, 10, 29, 30, 72, 100, 999, 4999, 5000, 12345, 99999, 1e6, 1e9)
write.csv(data.frame(df = dfs, q975 = num(qt(0.975, dfs))), "reference_quantiles.csv", row.names = FALSE, quote = FALSE)
cat("survey", as.character(packageVersion("survey")), "on", R.version.string, "\n")
