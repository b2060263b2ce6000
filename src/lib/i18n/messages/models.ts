/** The models page: fits, the calibration-vs-holdout check, and notes on reading and trusting the numbers. */
export const en = {
	'models.title': 'Models',
	'models.subtitle':
		'The purchase and spend models behind P(alive), churn risk, expected orders and predicted CLV: their fitted parameters, whether the fit worked, and how well they predicted a held-out period.',
	'models.noFits': 'No model has been fitted yet. Fits run after every data refresh, or with `crm fit`.',
	'models.name.bgnbd': 'BG/NBD (purchases)',
	'models.name.mbg-nbd': 'MBG/NBD (purchases)',
	'models.name.pareto-nbd': 'Pareto/NBD (purchases)',
	'models.name.gamma-gamma': 'Gamma-Gamma (spend)',
	'models.what.bgnbd':
		'Purchase rate λ ~ Gamma(r, α); after each purchase a customer may drop out with probability p ~ Beta(a, b).',
	'models.what.mbg-nbd':
		'As BG/NBD, but a customer may also drop out right after the first purchase, so one-time buyers are not certainly alive.',
	'models.what.pareto-nbd':
		'Purchase rate λ ~ Gamma(r, α); lifetime exponential with dropout rate μ ~ Gamma(s, β).',
	'models.what.gamma-gamma':
		'Spend per repeat purchase ~ Gamma(p, ν), with ν ~ Gamma(q, γ) per customer; fitted on repeat buyers only.',
	'models.converged': 'Converged',
	'models.status.ok': 'OK',
	'models.poorlyIdentified': 'Poorly identified',
	'models.poorlyIdentifiedHint':
		'The optimiser converged, but the data do not pin these parameters down: many values fit equally well, so read the predictions, not the parameters.',
	'models.status.not_converged': 'Did not converge',
	'models.status.ineligible': 'Not enough data',
	'models.status.failed': 'Failed',
	'models.param': 'Parameter',
	'models.estimate': 'Estimate',
	'models.se': 'Std. error',
	'models.ci': '95% interval',
	'models.looseHint':
		'The standard error is more than half the estimate: the data hardly pin this parameter down.',
	'models.ll': 'Log-likelihood',
	'models.iterations': 'Iterations',
	'models.customers': 'Customers',
	'models.timeUnit': 'Time unit',
	'models.unit.day': 'days',
	'models.unit.week': 'weeks',
	'models.dataUntil': 'Data up to',
	'models.calibration': 'Predicted vs actual purchases in the holdout',
	'models.calibrationSubtitle':
		'{model} refitted on the data up to {cal}, then asked to predict each customer’s repeat purchases up to {hold}. Mean per customer, by repeat purchases before {cal}.',
	'models.calibrationX': 'Repeat purchases in the calibration period',
	'models.calibrationY': 'Mean purchases in the holdout',
	'models.actual': 'Actual',
	'models.predicted': 'Predicted',
	'models.totals':
		'Holdout repeat purchases: actual {actual}, predicted {predicted} ({error}); mean absolute error per customer {mae}; {n} customers.',
	'models.cumulative': 'Cumulative repeat purchases in the holdout',
	'models.cumulativeSubtitle': 'All calibration customers together, week by week.',
	'models.calibrationEnd': 'Calibration end',
	'models.holdoutEnd': 'Holdout end',
	'models.rerun': 'Check this split',
	'models.notes': 'Reading these numbers',
	'models.notes.meanTitle': 'What they mean',
	'models.notes.bgnbd':
		'BG/NBD describes each customer by how often they buy while active and how likely they are to stop after a purchase. r and α describe purchase rates across customers (mean rate r/α per time unit); a and b the chance of dropping out (mean a/(a+b) after each purchase).',
	'models.notes.palive':
		'P(alive) is the probability that a customer has not silently stopped buying, given how many times they bought and when they last did. A customer who bought often and recently is almost surely active; the same customer after a long silence much less so. A customer with a single purchase counts as alive until they buy again (a property of BG/NBD).',
	'models.notes.clv':
		'Predicted CLV = expected purchases over the horizon × expected spend per purchase (Gamma-Gamma), discounted monthly. It is an expectation over many similar customers, not a promise for one.',
	'models.notes.se':
		'Standard errors come from the curvature of the likelihood. The 95% interval is estimate ± 1.96 standard errors; a wide interval (⚠) means the data hardly pin the parameter down.',
	'models.notes.calibration':
		'The holdout check refits the model on an earlier part of the data and compares its predictions with what then happened. Lines close together, above all for customers with many purchases, mean the model can be used for planning.',
	'models.notes.trustTitle': 'When not to trust them',
	'models.notes.converged':
		'A fit that did not converge or had too little data is marked as such and its numbers are not used for predictions.',
	'models.notes.short':
		'Short histories (a few months) or few repeat buyers give unstable parameters: look at the standard errors and the holdout check first.',
	'models.notes.contract':
		'The models assume customers can leave silently at any time (non-contractual buying). Subscriptions, contracts or one-off purchases (e.g. a car) need other models.',
	'models.notes.change':
		'They assume each customer’s behaviour is stable. Promotions, new channels, price changes, or a large holdout error mean the past predicts the future poorly.',
	'models.notes.spend':
		'Gamma-Gamma assumes spend per order does not depend on how often a customer buys; check that correlation before trusting CLV. Refunds reduce revenue but not the purchase count.',
	'models.notes.individual':
		'For a single customer, treat P(alive) and CLV as a ranking signal (who first?), not as a forecast to the last penny.',
	'models.inUse': 'In use',
	'models.inUseTitle': 'Purchase model in use: {model}',
	'models.chosenBy': 'How it was chosen: {criterion}',
	'models.modePinned': 'Pinned by the setting purchase_model.',
	'models.modeAuto': 'Chosen automatically (setting purchase_model = auto).',
	'models.holdoutMae': 'Holdout error (MAE per customer)',
	'models.holdoutErrorPercent': 'Holdout total error',
	'models.rank': 'Rank',
	'models.reason': 'Why',
	'models.bgnbdCaveat':
		'BG/NBD is in use: its P(alive) is 1 for every one-time buyer, whatever the age of the only purchase. Churn risk still falls from the chance of no purchase in the window, but "probability still active" of one-time buyers means nothing.',
	'models.churnBands':
		'Churn risk = the model\'s probability of no purchase in the next {days} days (the same window as the lifecycle rule "churned = no purchase in the last {days} days"). Bands: low below 1/3, medium from 1/3 to below 2/3, high from 2/3.',
	'models.calibrationModel': 'Model',
	'models.compare': 'The three purchase models side by side',
	'models.disagree.churned_low':
		'The lifecycle rule counts this customer as churned (no purchase in the last {days} days), but the model still expects a purchase in the next {days} days (low risk): a slow but regular buyer.',
	'models.disagree.recent_high':
		'The lifecycle rule counts this customer as active (a purchase in the last {days} days), but the model gives a high chance of no purchase in the next {days} days.',
	'models.disagree.col': 'Rule vs model',
	'models.disagree.colHint':
		'Customers where the lifecycle rule and the model disagree: churned by the rule but low model risk; active by the rule but high model risk.',
	'models.disagree.none': 'agree',
	'models.disagree.counts': '{low} churned, low risk · {high} active, high risk'
};

export const vi: Record<keyof typeof en, string> = {
	'models.title': 'Mô hình',
	'models.subtitle':
		'Các mô hình mua hàng và chi tiêu đứng sau P(còn hoạt động), nguy cơ rời bỏ, số đơn dự kiến và CLV dự báo: tham số ước lượng, việc ước lượng có thành công không, và mô hình dự báo một giai đoạn kiểm tra tốt đến đâu.',
	'models.noFits':
		'Chưa có mô hình nào được ước lượng. Việc ước lượng chạy sau mỗi lần làm mới dữ liệu, hoặc bằng `crm fit`.',
	'models.name.bgnbd': 'BG/NBD (mua hàng)',
	'models.name.mbg-nbd': 'MBG/NBD (mua hàng)',
	'models.name.pareto-nbd': 'Pareto/NBD (mua hàng)',
	'models.name.gamma-gamma': 'Gamma-Gamma (chi tiêu)',
	'models.what.bgnbd':
		'Tần suất mua λ ~ Gamma(r, α); sau mỗi lần mua, khách có thể rời bỏ với xác suất p ~ Beta(a, b).',
	'models.what.mbg-nbd':
		'Như BG/NBD, nhưng khách cũng có thể rời bỏ ngay sau lần mua đầu tiên, nên khách chỉ mua một lần không chắc chắn còn hoạt động.',
	'models.what.pareto-nbd':
		'Tần suất mua λ ~ Gamma(r, α); thời gian gắn bó theo phân phối mũ với tốc độ rời bỏ μ ~ Gamma(s, β).',
	'models.what.gamma-gamma':
		'Chi tiêu mỗi lần mua lại ~ Gamma(p, ν), với ν ~ Gamma(q, γ) cho từng khách; chỉ ước lượng trên khách mua lại.',
	'models.converged': 'Đã hội tụ',
	'models.status.ok': 'Tốt',
	'models.poorlyIdentified': 'Tham số khó xác định',
	'models.poorlyIdentifiedHint':
		'Bộ tối ưu đã hội tụ nhưng dữ liệu không xác định rõ các tham số này: nhiều bộ giá trị khớp như nhau, nên hãy đọc các dự báo, đừng đọc tham số.',
	'models.status.not_converged': 'Không hội tụ',
	'models.status.ineligible': 'Không đủ dữ liệu',
	'models.status.failed': 'Thất bại',
	'models.param': 'Tham số',
	'models.estimate': 'Ước lượng',
	'models.se': 'Sai số chuẩn',
	'models.ci': 'Khoảng 95%',
	'models.looseHint': 'Sai số chuẩn lớn hơn một nửa giá trị ước lượng: dữ liệu chưa xác định rõ tham số này.',
	'models.ll': 'Log hợp lý',
	'models.iterations': 'Số vòng lặp',
	'models.customers': 'Khách hàng',
	'models.timeUnit': 'Đơn vị thời gian',
	'models.unit.day': 'ngày',
	'models.unit.week': 'tuần',
	'models.dataUntil': 'Dữ liệu đến',
	'models.calibration': 'Số lần mua dự báo và thực tế trong giai đoạn kiểm tra',
	'models.calibrationSubtitle':
		'{model} được ước lượng lại trên dữ liệu đến {cal}, rồi dự báo số lần mua lại của từng khách đến {hold}. Trung bình mỗi khách, theo số lần mua lại trước {cal}.',
	'models.calibrationX': 'Số lần mua lại trong giai đoạn ước lượng',
	'models.calibrationY': 'Số lần mua TB khi kiểm tra',
	'models.actual': 'Thực tế',
	'models.predicted': 'Dự báo',
	'models.totals':
		'Số lần mua lại trong giai đoạn kiểm tra: thực tế {actual}, dự báo {predicted} ({error}); sai số tuyệt đối trung bình mỗi khách {mae}; {n} khách hàng.',
	'models.cumulative': 'Số lần mua lại cộng dồn trong giai đoạn kiểm tra',
	'models.cumulativeSubtitle': 'Tất cả khách hàng của giai đoạn ước lượng, theo từng tuần.',
	'models.calibrationEnd': 'Kết thúc giai đoạn ước lượng',
	'models.holdoutEnd': 'Kết thúc giai đoạn kiểm tra',
	'models.rerun': 'Kiểm tra cách chia này',
	'models.notes': 'Cách đọc các con số',
	'models.notes.meanTitle': 'Ý nghĩa',
	'models.notes.bgnbd':
		'BG/NBD mô tả mỗi khách hàng bằng tần suất mua khi còn hoạt động và khả năng ngừng mua sau một lần mua. r và α mô tả tần suất mua giữa các khách (trung bình r/α mỗi đơn vị thời gian); a và b mô tả khả năng rời bỏ (trung bình a/(a+b) sau mỗi lần mua).',
	'models.notes.palive':
		'P(còn hoạt động) là xác suất khách hàng chưa lặng lẽ ngừng mua, dựa trên số lần mua và lần mua gần nhất. Khách mua thường xuyên và gần đây gần như chắc chắn còn hoạt động; cùng khách đó sau một thời gian dài im lặng thì ít hơn nhiều. Khách chỉ mua một lần được coi là còn hoạt động cho đến khi mua lại (một tính chất của BG/NBD).',
	'models.notes.clv':
		'CLV dự báo = số lần mua dự kiến trong kỳ × chi tiêu dự kiến mỗi lần mua (Gamma-Gamma), chiết khấu theo tháng. Đây là kỳ vọng trên nhiều khách hàng tương tự, không phải lời hứa cho một người.',
	'models.notes.se':
		'Sai số chuẩn tính từ độ cong của hàm hợp lý. Khoảng 95% là ước lượng ± 1,96 sai số chuẩn; khoảng rộng (⚠) nghĩa là dữ liệu chưa xác định rõ tham số.',
	'models.notes.calibration':
		'Phép kiểm tra ước lượng lại mô hình trên phần dữ liệu trước đó và so dự báo với những gì xảy ra sau đó. Hai đường gần nhau, nhất là với khách mua nhiều lần, nghĩa là có thể dùng mô hình để lập kế hoạch.',
	'models.notes.trustTitle': 'Khi nào không nên tin',
	'models.notes.converged':
		'Lần ước lượng không hội tụ hoặc thiếu dữ liệu được đánh dấu rõ, và không được dùng cho dự báo.',
	'models.notes.short':
		'Lịch sử ngắn (vài tháng) hoặc ít khách mua lại cho tham số không ổn định: hãy xem sai số chuẩn và phép kiểm tra trước.',
	'models.notes.contract':
		'Mô hình giả định khách có thể lặng lẽ rời đi bất cứ lúc nào (mua không theo hợp đồng). Thuê bao, hợp đồng hay hàng mua một lần (như ô tô) cần mô hình khác.',
	'models.notes.change':
		'Mô hình giả định hành vi của mỗi khách ổn định. Khuyến mãi, kênh mới, thay đổi giá, hoặc sai số kiểm tra lớn nghĩa là quá khứ dự báo tương lai kém.',
	'models.notes.spend':
		'Gamma-Gamma giả định chi tiêu mỗi đơn không phụ thuộc vào tần suất mua; hãy kiểm tra tương quan đó trước khi tin CLV. Hoàn tiền làm giảm doanh thu nhưng không giảm số lần mua.',
	'models.notes.individual':
		'Với từng khách hàng, hãy dùng P(còn hoạt động) và CLV để xếp thứ tự ưu tiên (ai trước?), không phải dự báo chính xác đến từng đồng.',
	'models.inUse': 'Đang dùng',
	'models.inUseTitle': 'Mô hình mua hàng đang dùng: {model}',
	'models.chosenBy': 'Cách chọn: {criterion}',
	'models.modePinned': 'Được cố định bằng thiết lập purchase_model.',
	'models.modeAuto': 'Chọn tự động (thiết lập purchase_model = auto).',
	'models.holdoutMae': 'Sai số kiểm tra (MAE mỗi khách hàng)',
	'models.holdoutErrorPercent': 'Sai số tổng kiểm tra',
	'models.rank': 'Hạng',
	'models.reason': 'Lý do',
	'models.bgnbdCaveat':
		'Đang dùng BG/NBD: P(còn hoạt động) của mọi khách chỉ mua một lần đều bằng 1, dù lần mua đó đã cũ bao lâu. Nguy cơ rời bỏ vẫn tính theo khả năng không mua trong khoảng thời gian, nhưng "xác suất còn hoạt động" của khách mua một lần không có ý nghĩa.',
	'models.churnBands':
		'Nguy cơ rời bỏ = xác suất theo mô hình khách không mua gì trong {days} ngày tới (cùng khoảng với quy tắc vòng đời "rời bỏ = không mua trong {days} ngày qua"). Mức: thấp dưới 1/3, trung bình từ 1/3 đến dưới 2/3, cao từ 2/3.',
	'models.calibrationModel': 'Mô hình',
	'models.compare': 'Ba mô hình mua hàng đặt cạnh nhau',
	'models.disagree.churned_low':
		'Theo quy tắc vòng đời, khách này đã rời bỏ (không mua trong {days} ngày qua), nhưng mô hình vẫn dự kiến khách sẽ mua trong {days} ngày tới (nguy cơ thấp): một khách mua chậm nhưng đều.',
	'models.disagree.recent_high':
		'Theo quy tắc vòng đời, khách này còn hoạt động (có mua trong {days} ngày qua), nhưng mô hình cho rằng khả năng khách không mua gì trong {days} ngày tới là cao.',
	'models.disagree.col': 'Quy tắc và mô hình',
	'models.disagree.colHint':
		'Số khách mà quy tắc vòng đời và mô hình không khớp: rời bỏ theo quy tắc nhưng nguy cơ thấp theo mô hình; còn hoạt động theo quy tắc nhưng nguy cơ cao theo mô hình.',
	'models.disagree.none': 'khớp',
	'models.disagree.counts': '{low} rời bỏ, nguy cơ thấp · {high} hoạt động, nguy cơ cao'
};
