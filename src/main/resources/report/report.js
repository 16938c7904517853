// Draws report.html from the snapshot's data (the JSON in #snapshot-data): the same rows as the snapshot's CSVs,
// small cells already emptied. What each chart finally holds is written to #rendered-charts, so that a test (or a
// curious reader) can compare it with the CSVs.
(function () {
  'use strict';
  var errors = [];
  window.addEventListener('error', function (event) { errors.push(String(event.message)); });

  var data = JSON.parse(document.getElementById('snapshot-data').textContent);
  var rendered = {};
  var charts = [];

  // ---- reading the data ----------------------------------------------------------------------------------------
  function view(name) {
    var v = data.views[name];
    if (!v) { return { caption: name, columns: [], rows: [] }; }
    var hidden = {};
    (v.suppressed || []).forEach(function (cell) { hidden[cell[0] + ':' + cell[1]] = true; });
    var rows = v.rows.map(function (cells, r) {
      var row = { _suppressed: {} };
      v.columns.forEach(function (column, c) {
        row[column.name] = cells[c];
        if (hidden[r + ':' + c]) { row._suppressed[column.name] = true; }
      });
      return row;
    });
    return { caption: v.caption, columns: v.columns, rows: rows };
  }
  function caption(viewName, column) {
    var v = data.views[viewName];
    var found = v && v.columns.filter(function (c) { return c.name === column; })[0];
    return found ? found.caption : column;
  }
  function nameOf(kind, code) {
    var names = data.names[kind] || {};
    return names[code] || code;
  }
  function day(text) { return Date.UTC(+text.slice(0, 4), +text.slice(5, 7) - 1, +text.slice(8, 10)); }
  function iso(ms) { return new Date(ms).toISOString().slice(0, 10); }
  var DAY = 86400000;

  // ---- formatting ----------------------------------------------------------------------------------------------
  function count(n) { return n === null || n === undefined ? '' : Number(n).toLocaleString('en-US'); }
  function percent(x) { return x === null || x === undefined ? '' : (x * 100).toFixed(1) + '%'; }
  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }
  function section(id) { return document.getElementById(id); }

  function table(viewName, rows, columns, extra) {
    var head = el('tr', {}, columns.map(function (c) {
      return el('th', { title: c.name }, [c.caption || caption(viewName, c.name)]);
    }));
    var body = rows.map(function (row) {
      return el('tr', {}, columns.map(function (c) {
        if (row._suppressed && row._suppressed[c.name]) {
          return el('td', { 'class': 'suppressed', title: '小数保护 suppressed' }, [data.suppressed_mark]);
        }
        var value = c.value ? c.value(row) : row[c.name];
        if (typeof value === 'number') {
          return el('td', { 'class': 'num' }, [c.rate ? percent(value) : count(value)]);
        }
        if (typeof value === 'boolean') { return el('td', {}, [value ? '是' : '否']); }
        return el('td', {}, [value === null || value === undefined ? '' : String(value)]);
      }));
    });
    return el('div', { 'class': 'scroll' }, [el('table', extra || {}, [el('thead', {}, [head]),
      el('tbody', {}, body)])]);
  }

  // ---- charts --------------------------------------------------------------------------------------------------
  function chart(parent, id, title, option, tall) {
    var node = el('div', { id: id, 'class': tall ? 'chart tall' : 'chart', 'data-chart': title });
    parent.appendChild(node);
    var instance = echarts.init(node, null, { renderer: 'svg' });
    option.animation = false;
    option.title = { text: title, left: 'center', textStyle: { fontSize: 14 } };
    option.tooltip = option.tooltip || { trigger: 'axis' };
    option.legend = option.legend || { top: 24 };
    instance.setOption(option);
    charts.push(instance);
    var held = instance.getOption();
    var axis = (held.yAxis && held.yAxis[0] && held.yAxis[0].type === 'category') ? held.yAxis[0] : held.xAxis[0];
    rendered[id] = {
      title: title,
      categories: axis && axis.data ? axis.data.map(function (c) { return typeof c === 'object' ? c.value : c; })
        : [],
      series: held.series.map(function (s) {
        return { id: s.id, name: s.name, data: s.data.map(function (v) {
          return v !== null && typeof v === 'object' && !Array.isArray(v) ? v.value : v;
        }) };
      })
    };
  }

  // ---- the campaigns this snapshot is about --------------------------------------------------------------------
  var asOf = data.as_of;
  var started = data.campaigns.filter(function (c) { return c.start_date <= asOf; });
  var running = started.filter(function (c) { return c.end_date >= asOf; });
  // the campaigns the page details: those running on the as-of date, or else the last one to have started
  var focus = running.length ? running : started.slice(-1);
  var totals = view('campaign_totals');
  var progress = view('cumulative_progress');

  function totalsOf(campaign) {
    return totals.rows.filter(function (r) { return r.campaign_id === campaign.campaign_id; })[0];
  }
  function progressOn(campaign, date) {
    return progress.rows.filter(function (r) { return r.campaign_id === campaign.campaign_id && r.date === date; })[0];
  }
  // the same campaign of the previous cohort (its id with the previous year), and its day matching the as-of date
  function sameDayLastYear(campaign) {
    var id = campaign.campaign_id.replace(String(campaign.cohort), String(campaign.cohort - 1));
    var previous = data.campaigns.filter(function (c) {
      return c.campaign_id === id && c.cohort === campaign.cohort - 1;
    })[0];
    if (!previous) { return null; }
    var reached = asOf < campaign.end_date ? asOf : campaign.end_date;
    var date = iso(day(previous.start_date) + (day(reached) - day(campaign.start_date)));
    if (date > previous.end_date) { return null; }
    var row = progressOn(previous, date);
    // a previous campaign with nothing loaded is not a comparison: its zeros would read as a real year
    var any = totalsOf(previous) && HEADLINE.some(function (c) { return totalsOf(previous)[c] > 0; });
    return row && any ? { campaign: previous, date: date, row: row } : null;
  }

  // ---- header and headline -------------------------------------------------------------------------------------
  section('reflects').textContent = '截至 ' + asOf + '，反映 ' + count(data.deliveries) + ' 个数据交付；当日 '
    + data.not_reported.length + ' 个数据源未报送。';

  var HEADLINE = ['fairs', 'posts', 'visits', 'enterprises_visited', 'new_partners', 'posts_opened',
    'graduates_served', 'services', 'difficulty_graduates', 'difficulty_graduates_pushed_3plus'];
  focus.forEach(function (campaign) {
    var row = totalsOf(campaign);
    var box = section('headline');
    box.appendChild(el('h3', {}, [campaign.name + ' ', el('span', { 'class': 'en' },
      [campaign.campaign_id + ' · ' + campaign.start_date + ' – ' + campaign.end_date])]));
    if (!row) { box.appendChild(el('p', { 'class': 'note' }, ['尚无数据 No data yet.'])); return; }
    var last = sameDayLastYear(campaign);
    if (last) {
      box.appendChild(el('p', { 'class': 'note' }, ['同比：' + last.campaign.name + ' 同期（' + last.date + '）']));
    }
    var cards = el('div', { 'class': 'cards', 'data-campaign': campaign.campaign_id });
    HEADLINE.forEach(function (column) {
      if (!(column in row)) { return; }
      var children = [el('div', { 'class': 'label' }, [caption('campaign_totals', column)]),
        el('div', { 'class': 'value', 'data-column': column }, [count(row[column])])];
      if (last && column in last.row && last.row[column] !== null) {
        var before = last.row[column];
        var change = before ? (row[column] - before) / before : null;
        children.push(el('div', { 'class': 'compare' }, ['去年同期 ' + count(before) + (change === null ? ''
          : '（' + (change >= 0 ? '+' : '') + percent(change) + '）')]));
      }
      cards.appendChild(el('div', { 'class': 'card' }, children));
    });
    box.appendChild(cards);
  });

  // ---- cumulative progress ---------------------------------------------------------------------------------------
  var LEFT = ['fairs', 'visits'];
  var RIGHT = ['posts', 'posts_opened', 'graduates_served'];
  focus.forEach(function (campaign, i) {
    var rows = progress.rows.filter(function (r) { return r.campaign_id === campaign.campaign_id; });
    if (!rows.length) { return; }
    var series = LEFT.concat(RIGHT).filter(function (c) { return c in rows[0]; }).map(function (column) {
      return { id: column, name: caption('cumulative_progress', column), type: 'line', showSymbol: false,
        yAxisIndex: RIGHT.indexOf(column) >= 0 ? 1 : 0, data: rows.map(function (r) { return r[column]; }) };
    });
    chart(section('progress'), 'progress-' + i, campaign.name + ' 逐日累计', {
      grid: { top: 70, left: 10, right: 10, bottom: 10, containLabel: true },
      xAxis: { type: 'category', data: rows.map(function (r) { return r.date; }) },
      yAxis: [{ type: 'value', name: '场次/次数' }, { type: 'value', name: '岗位/人数' }],
      series: series
    });
  });

  // ---- the daily report of the as-of date ----------------------------------------------------------------------
  var daily = view('daily_region_report');
  var today = daily.rows.filter(function (r) { return r.report_date === asOf; });
  if (today.length) {
    chart(section('daily'), 'daily-' + asOf, asOf + ' 分省发布岗位与服务人次', {
      grid: { top: 70, left: 10, right: 20, bottom: 10, containLabel: true },
      xAxis: { type: 'category', axisLabel: { rotate: 60, interval: 0 },
        data: today.map(function (r) { return r.province_name || nameOf('province_code', r.province_code); }) },
      yAxis: { type: 'value' },
      series: ['posts', 'services'].map(function (column) {
        return { id: column, name: caption('daily_region_report', column), type: 'bar',
          data: today.map(function (r) { return r[column]; }) };
      })
    });
    section('daily').appendChild(table('daily_region_report', today, daily.columns));
  } else {
    section('daily').appendChild(el('p', { 'class': 'note' }, [asOf + ' 无分省数据 No rows for this date.']));
  }

  // ---- provinces ranked over each campaign's window so far -------------------------------------------------------
  focus.forEach(function (campaign, i) {
    var until = asOf < campaign.end_date ? asOf : campaign.end_date;
    var byProvince = {};
    daily.rows.forEach(function (r) {
      if (r.report_date < campaign.start_date || r.report_date > until) { return; }
      var p = byProvince[r.province_code] = byProvince[r.province_code]
        || { code: r.province_code, name: r.province_name || nameOf('province_code', r.province_code),
          fairs: 0, posts: 0, visits: 0, services: 0 };
      ['fairs', 'posts', 'visits', 'services'].forEach(function (c) { p[c] += r[c] || 0; });
    });
    var provinces = Object.keys(byProvince).sort().map(function (k) { return byProvince[k]; });
    if (!provinces.length) { return; }
    section('ranking').appendChild(el('h3', {}, [campaign.name]));
    var grid = el('div', { 'class': 'cards' });
    grid.style.gridTemplateColumns = 'repeat(auto-fill, minmax(320px, 1fr))';
    section('ranking').appendChild(grid);
    ['fairs', 'posts', 'visits', 'services'].forEach(function (column) {
      var ranked = provinces.slice().sort(function (a, b) { return a[column] - b[column] || (a.code < b.code ? 1 : -1); });
      chart(grid, 'rank-' + column + '-' + i, caption('daily_region_report', column) + '（累计）', {
        grid: { top: 40, left: 10, right: 30, bottom: 10, containLabel: true },
        legend: { show: false },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        yAxis: { type: 'category', data: ranked.map(function (p) { return p.name; }), axisLabel: { interval: 0 } },
        xAxis: { type: 'value' },
        series: [{ id: column, name: caption('daily_region_report', column), type: 'bar',
          data: ranked.map(function (p) { return p[column]; }) }]
      }, true);
    });
  });

  // ---- targets -------------------------------------------------------------------------------------------------
  var visits = view('institution_visit_compliance');
  var pushes = view('difficulty_push_compliance');
  focus.forEach(function (campaign, i) {
    var institutions = visits.rows.filter(function (r) { return r.campaign_id === campaign.campaign_id; });
    var difficulty = pushes.rows.filter(function (r) { return r.campaign_id === campaign.campaign_id; });
    var row = totalsOf(campaign);
    var box = section('targets');
    box.appendChild(el('h3', {}, [campaign.name]));
    function bar(label, met, of, note) {
      var share = of ? met / of : null;
      box.appendChild(el('div', { 'class': 'target' }, [
        el('div', {}, [label + '：' + count(met) + ' / ' + count(of) + (share === null ? '' : '（' + percent(share) + '）')
          + (note ? ' ' : ''), note ? el('span', { 'class': 'note' }, [note]) : '']),
        el('div', { 'class': 'bar' }, [el('span', { style: 'width:' + (share === null ? 0 : share * 100) + '%' })])]));
    }
    function tally(flag, met) {
      var applies = institutions.filter(function (r) { return r[flag] === true; });
      return [applies.filter(function (r) { return r[met] === true; }).length, applies.length];
    }
    var v = tally('visit_target_applies', 'visit_target_met');
    bar('新建本科和职业院校书记校长访企≥100家 达标高校', v[0], v[1]);
    var p = tally('new_partner_target_applies', 'new_partner_target_met');
    bar('落实率低于全省的高校校领导新拓展≥100家 达标高校', p[0], p[1]);
    if (row) {
      bar('困难毕业生每人推送≥3个岗位', row.difficulty_graduates_pushed_3plus, row.difficulty_graduates);
    }
    var byProvince = {};
    function at(code) {
      return byProvince[code] = byProvince[code] || { code: code, visitApplies: 0, visitMet: 0, partnerApplies: 0,
        partnerMet: 0, graduates: 0, pushed: 0 };
    }
    institutions.forEach(function (r) {
      var s = at(r.province_code);
      if (r.visit_target_applies) { s.visitApplies++; if (r.visit_target_met) { s.visitMet++; } }
      if (r.new_partner_target_applies) { s.partnerApplies++; if (r.new_partner_target_met) { s.partnerMet++; } }
    });
    difficulty.forEach(function (r) {
      // suppressed cells stay out of the sums, so that no total gives them away
      if (r.difficulty_graduates === null || r.pushed_3plus === null) { return; }
      var s = at(r.province_code);
      s.graduates += r.difficulty_graduates;
      s.pushed += r.pushed_3plus;
    });
    var provinces = Object.keys(byProvince).sort().map(function (k) { return byProvince[k]; });
    function share(met, of) { return of ? Math.round(met / of * 1e6) / 1e6 : null; }
    if (provinces.length) {
      chart(box, 'targets-' + i, campaign.name + ' 各省达标率', {
        grid: { top: 70, left: 10, right: 20, bottom: 10, containLabel: true },
        xAxis: { type: 'category', axisLabel: { rotate: 60, interval: 0 },
          data: provinces.map(function (s) { return nameOf('province_code', s.code); }) },
        yAxis: { type: 'value', max: 1, axisLabel: { formatter: function (x) { return Math.round(x * 100) + '%'; } } },
        series: [
          { id: 'visit_target_met_share', name: '访企≥100家达标高校占比', type: 'bar',
            data: provinces.map(function (s) { return share(s.visitMet, s.visitApplies); }) },
          { id: 'new_partner_target_met_share', name: '新拓展≥100家达标高校占比', type: 'bar',
            data: provinces.map(function (s) { return share(s.partnerMet, s.partnerApplies); }) },
          { id: 'share_pushed_3plus', name: '困难毕业生推送≥3个岗位占比', type: 'bar',
            data: provinces.map(function (s) { return share(s.pushed, s.graduates); }) }
        ]
      });
      box.appendChild(el('p', { 'class': 'note' }, ['困难毕业生推送占比按省汇总时不含小数保护单元（'
        + data.suppressed_mark + '）。Suppressed cells are left out of the province shares.']));
    }

    // ---- institutions furthest from each target ----------------------------------------------------------------
    var far = section('furthest');
    far.appendChild(el('h3', {}, [campaign.name]));
    function furthest(title, rows, columns) {
      far.appendChild(el('h3', {}, [title]));
      far.appendChild(rows.length ? table(null, rows.slice(0, 15), columns)
        : el('p', { 'class': 'note' }, ['无 none']));
    }
    var institution = [
      { name: 'institution_code', caption: '高校代码' },
      { name: 'institution_name', caption: '高校名称', value: function (r) {
        return r.name || nameOf('institution_code', r.institution_code); } },
      { name: 'province_name', caption: '省份', value: function (r) { return nameOf('province_code', r.province_code); } }];
    furthest('访企≥100家：差距最大', institutions.filter(function (r) {
      return r.visit_target_applies && !r.visit_target_met;
    }).sort(function (a, b) {
      return a.leader_enterprises_visited - b.leader_enterprises_visited
        || (a.institution_code < b.institution_code ? -1 : 1);
    }), institution.concat([
      { name: 'leader_enterprises_visited', caption: caption('institution_visit_compliance', 'leader_enterprises_visited') },
      { name: 'gap', caption: '差距', value: function (r) { return 100 - r.leader_enterprises_visited; } }]));
    furthest('新拓展≥100家：差距最大', institutions.filter(function (r) {
      return r.new_partner_target_applies && !r.new_partner_target_met;
    }).sort(function (a, b) {
      return a.leadership_new_partners - b.leadership_new_partners
        || (a.institution_code < b.institution_code ? -1 : 1);
    }), institution.concat([
      { name: 'leadership_new_partners', caption: caption('institution_visit_compliance', 'leadership_new_partners') },
      { name: 'placement_rate', caption: caption('institution_visit_compliance', 'placement_rate'), rate: true },
      { name: 'gap', caption: '差距', value: function (r) { return 100 - r.leadership_new_partners; } }]));
    furthest('困难毕业生推送≥3个岗位：占比最低', difficulty.filter(function (r) {
      return r.share_pushed_3plus !== null && r.share_pushed_3plus < 1;
    }).sort(function (a, b) {
      return a.share_pushed_3plus - b.share_pushed_3plus || (a.institution_code < b.institution_code ? -1 : 1);
    }), institution.concat([
      { name: 'difficulty_graduates', caption: caption('difficulty_push_compliance', 'difficulty_graduates') },
      { name: 'pushed_3plus', caption: caption('difficulty_push_compliance', 'pushed_3plus') },
      { name: 'share_pushed_3plus', caption: caption('difficulty_push_compliance', 'share_pushed_3plus'), rate: true }]));
  });

  // ---- what the snapshot reflects --------------------------------------------------------------------------------
  var sources = section('sources');
  sources.appendChild(el('p', {}, ['统计截至 ' + asOf + '（as-of date），反映 ' + count(data.deliveries)
    + ' 个已接收的数据交付（deliveries）。']));
  sources.appendChild(el('h3', {}, [asOf + ' 未报送的数据源 Sources that had not reported（'
    + data.not_reported.length + '）']));
  sources.appendChild(data.not_reported.length ? table(null, data.not_reported.map(function (s) {
    return { source_id: s.source_id, name: s.name, state: s.state || '未收到 none received' };
  }), [{ name: 'source_id', caption: '数据源' }, { name: 'name', caption: '名称' }, { name: 'state', caption: '状态' }],
  { id: 'not-reported' }) : el('p', {}, ['无：全部数据源均已报送 none: every registered source has delivered']));

  window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
  window.addEventListener('beforeprint', function () { charts.forEach(function (c) { c.resize(); }); });

  var out = el('script', { type: 'application/json', id: 'rendered-charts' });
  out.textContent = JSON.stringify(rendered);
  document.body.appendChild(out);
  var failed = el('pre', { id: 'errors' }, [errors.join('\n')]);
  document.body.appendChild(failed);
  document.body.setAttribute('data-rendered', 'true');
}());
