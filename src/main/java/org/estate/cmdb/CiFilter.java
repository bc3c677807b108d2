package org.estate.cmdb;

/** Filters of the CI list, shared by the API and the list page; null means "any". */
public record CiFilter(String ciClass, String status, String criticality, String q, String tag) {

    public static CiFilter none() {
        return new CiFilter(null, null, null, null, null);
    }
}
