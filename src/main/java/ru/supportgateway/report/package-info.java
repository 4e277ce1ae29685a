/**
 * The monthly journal (Form No. 1 "Журнал специалиста" of the regulation): PDF to print and sign, XLSX to
 * work with, the download API for supervisors, and the mailing to each desk's head on the 10th of the
 * following month.
 */
package ru.supportgateway.report;
